#include "kcrc/symtypes/consolidate.h"

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"
#include "kcrc/base/string_hash.h"
#include "kcrc/symtypes/writer.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;

using LatestMap = std::unordered_map<std::string_view, const Record*, StringHash>;

}  // namespace

std::vector<SymtypesFile> ReadSymtypesTree(const std::string& dir) {
  std::error_code ec;
  Check(fs::is_directory(dir, ec), "{}: not a directory", dir);
  std::vector<std::string> paths;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    if (it->path().extension() != ".symtypes") continue;
    paths.push_back(fs::relative(it->path(), dir).generic_string());
  }
  if (ec) Fail("{}: cannot list directory: {}", dir, ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<SymtypesFile> files;
  files.reserve(paths.size());
  for (std::string& path : paths) {
    const std::string full = (fs::path(dir) / path).string();
    const std::string text = ReadFile(full);
    files.push_back(SymtypesFile{std::move(path), ParseSymtypes(text, full)});
  }
  return files;
}

std::string Consolidate(const std::vector<SymtypesFile>& files) {
  std::string out;
  LatestMap latest;
  for (const SymtypesFile& file : files) {
    Check(file.path.find('\n') == std::string::npos && !file.path.empty(), "invalid file name '{}'",
          file.path);
    std::unordered_set<std::string_view> keys;
    for (const Record& record : file.records)
      Check(keys.insert(record.key).second, "{}:{}: duplicate key '{}'", file.path, record.line,
            record.key);
    out += "/* ";
    out += file.path;
    out += " */\n";
    for (const Record& record : file.records) {
      if (!IsSymbolKey(record.key)) {
        auto it = latest.find(record.key);
        if (it != latest.end() && it->second->tokens == record.tokens) continue;
      }
      AppendRecord(out, record);
    }
    for (const Record& record : file.records)
      if (!IsSymbolKey(record.key)) latest[record.key] = &record;
  }
  return out;
}

std::vector<SymtypesFile> Split(const std::vector<SymtypesFile>& sections) {
  std::vector<SymtypesFile> files;
  files.reserve(sections.size());
  LatestMap latest;
  for (const SymtypesFile& section : sections) {
    std::unordered_map<std::string_view, const Record*> own;
    for (const Record& record : section.records)
      Check(own.emplace(record.key, &record).second, "line {}: duplicate key '{}' in section '{}'",
            record.line, record.key, section.path);
    SymtypesFile file{section.path, section.records};
    // Walk the references of the section's records; pull in the keys the
    // section left out.
    std::vector<const Record*> work;
    for (const Record& record : section.records) work.push_back(&record);
    std::unordered_set<std::string_view> recovered;
    while (!work.empty()) {
      const Record* record = work.back();
      work.pop_back();
      for (const Token& token : record->tokens) {
        if (!token.is_ref || own.contains(token.text) || recovered.contains(token.text)) continue;
        auto it = latest.find(token.text);
        if (it == latest.end()) continue;  // unresolved: the file lacked it too
        recovered.insert(it->second->key);
        file.records.push_back(*it->second);
        work.push_back(it->second);
      }
    }
    SortRecords(file.records);
    for (const Record& record : section.records)
      if (!IsSymbolKey(record.key)) latest[record.key] = &record;
    files.push_back(std::move(file));
  }
  return files;
}

std::vector<TreeFile> SymtypesTree(const std::string& dir, const std::vector<SymtypesFile>& files) {
  std::vector<TreeFile> tree;
  for (const SymtypesFile& file : files) {
    const fs::path relative(file.path);
    Check(!file.path.empty() && relative.is_relative(),
          "refusing to write '{}': not a relative path", file.path);
    for (const fs::path& part : relative)
      Check(part != "..", "refusing to write '{}': path leaves the output directory", file.path);
    tree.push_back({(fs::path(dir) / relative).string(), FormatSymtypes(file.records)});
  }
  return tree;
}

void WriteSymtypesTree(const std::string& dir, const std::vector<SymtypesFile>& files) {
  for (const TreeFile& file : SymtypesTree(dir, files))
    WriteFileAtomically(file.path, file.text, /*create_directories=*/true);
}

}  // namespace kcrc
