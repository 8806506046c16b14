#include "kcrc/scan/discover.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

namespace fs = std::filesystem;

struct Suffix {
  std::string_view text;
  Compression compression;
};
constexpr Suffix kModuleSuffixes[] = {
    {".ko", Compression::kNone},
    {".ko.xz", Compression::kXz},
    {".ko.zst", Compression::kZstd},
};

bool IsVmlinux(std::string_view name) { return name == "vmlinux" || name.starts_with("vmlinux-"); }

// Removes "…lib/modules/<release>/<dir>/" from the front of `path`.
std::optional<std::string_view> MaybeStripInstallPrefix(std::string_view path) {
  constexpr std::string_view kModules = "lib/modules/";
  size_t at = 0;
  while ((at = path.find(kModules, at)) != std::string_view::npos) {
    if (at == 0 || path[at - 1] == '/') break;
    at += kModules.size();
  }
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = path.substr(at + kModules.size());
  for (int component = 0; component < 2; ++component) {  // <release>/ and kernel/
    const size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    rest.remove_prefix(slash + 1);
  }
  return rest;
}

// vmlinux-<release> names other things too in some trees; take ELF files only.
bool HasElfMagic(const fs::path& path) {
  char magic[4] = {};
  std::ifstream in(path, std::ios::binary);
  return in.read(magic, sizeof(magic)) && std::memcmp(magic,
                                                      "\x7f"
                                                      "ELF",
                                                      4) == 0;
}

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::optional<ObjectKind> MaybeObjectKind(std::string_view file_name, bool named) {
  for (const Suffix& suffix : kModuleSuffixes)
    if (file_name.size() > suffix.text.size() && file_name.ends_with(suffix.text))
      return ObjectKind{suffix.compression, suffix.text.size(), false};
  if (IsVmlinux(file_name) && !file_name.ends_with(".o"))
    return ObjectKind{Compression::kNone, 0, true};
  if (named) {
    const size_t suffix = file_name.size() > 2 && file_name.ends_with(".o") ? 2 : 0;
    return ObjectKind{Compression::kNone, suffix, false};
  }
  return std::nullopt;
}

std::string ModuleName(std::string_view relative, const ObjectKind& kind, bool named) {
  if (kind.vmlinux) return "vmlinux";
  std::string_view name = relative.substr(0, relative.size() - kind.suffix);
  while (name.starts_with("./")) name.remove_prefix(2);
  if (auto stripped = MaybeStripInstallPrefix(name)) return std::string(*stripped);
  if (named) return std::string(BaseName(name));
  return std::string(name);
}

std::vector<ScanInput> DiscoverObjects(const std::vector<std::string>& paths) {
  std::vector<ScanInput> inputs;
  auto add = [&](const fs::path& file, std::string_view relative, bool named) {
    const std::string file_name = file.filename().string();
    std::optional<ObjectKind> kind = MaybeObjectKind(file_name, named);
    if (!kind) return;
    if (kind->vmlinux && !named && !HasElfMagic(file)) return;
    std::error_code error;
    const uint64_t size = fs::file_size(file, error);
    Check(!error, "{}: {}", file.string(), error.message());
    inputs.push_back({file.string(), ModuleName(relative, *kind, named), kind->compression, size});
  };
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    Check(!error && fs::exists(status), "{}: no such file or directory", path);
    if (!fs::is_directory(status)) {
      Check(fs::is_regular_file(status), "{}: not a regular file", path);
      add(path, path, true);
      continue;
    }
    fs::recursive_directory_iterator it(path, error), end;
    Check(!error, "{}: {}", path, error.message());
    for (; it != end; it.increment(error)) {
      Check(!error, "{}: {}", path, error.message());
      if (!it->is_regular_file(error) || it->is_symlink(error)) continue;
      const std::string relative = fs::relative(it->path(), path).generic_string();
      add(it->path(), relative, false);
    }
    Check(!error, "{}: {}", path, error.message());
  }
  std::sort(inputs.begin(), inputs.end(), [](const ScanInput& a, const ScanInput& b) {
    return a.module != b.module ? a.module < b.module : a.path < b.path;
  });
  for (size_t i = 1; i < inputs.size(); ++i)
    Check(inputs[i].module != inputs[i - 1].module, "{} and {} are both module '{}'",
          inputs[i - 1].path, inputs[i].path, inputs[i].module);
  return inputs;
}

}  // namespace kcrc
