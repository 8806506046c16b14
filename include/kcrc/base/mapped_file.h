// A read-only, private memory mapping of a whole file, whose pages can be
// given back while the mapping stays valid.
//
// Why: a linked kernel image has 166 MiB of .debug_info that is read once,
// unit after unit. Mapped, every page read stays in the process's resident
// set until the end; Release drops the pages of units already done, so peak
// memory follows one unit instead of the whole section. A released page that
// is read again is simply faulted in again from the file (the mapping is
// read-only, so no content can be lost).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace kcrc {

class MappedFile {
 public:
  // Maps `path` read-only. Opens through InputFile (it throws for a path that
  // cannot be opened or is not a regular file); nullopt when the file is
  // empty or cannot be mapped, so that the caller's reader can name the
  // problem.
  static std::optional<MappedFile> Open(const std::string& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) = delete;
  MappedFile(const MappedFile&) = delete;
  ~MappedFile();

  char* data() const { return data_; }
  size_t size() const { return size_; }

  // Whether [begin, end) lies inside the mapping.
  bool Contains(const char* begin, const char* end) const;

  // Drops the pages of [begin, end), which must lie inside the mapping, from
  // memory, except the page holding `end`; the bytes read the same afterwards.
  void Release(const char* begin, const char* end) const;

 private:
  MappedFile(char* data, size_t size) : data_(data), size_(size) {}

  char* data_;
  size_t size_;
};

}  // namespace kcrc
