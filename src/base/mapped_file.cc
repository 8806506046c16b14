#include "kcrc/base/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>

#include "kcrc/base/input_file.h"

namespace kcrc {

std::optional<MappedFile> MappedFile::Open(const std::string& path) {
  const InputFile file = InputFile::Open(path);
  if (file.size() == 0) return std::nullopt;
  // The mapping keeps the file when the descriptor closes.
  void* data =
      mmap(nullptr, static_cast<size_t>(file.size()), PROT_READ, MAP_PRIVATE, file.fd(), 0);
  if (data == MAP_FAILED) return std::nullopt;
  return MappedFile(static_cast<char*>(data), static_cast<size_t>(file.size()));
}

MappedFile::MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) munmap(data_, size_);
}

bool MappedFile::Contains(const char* begin, const char* end) const {
  return data_ != nullptr && begin >= data_ && begin <= end && end <= data_ + size_;
}

void MappedFile::Release(const char* begin, const char* end) const {
  static const uintptr_t kPage = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  // The page holding `end` stays: the caller reads on from there. The page
  // holding `begin` goes, though it may hold bytes before the range: dropping
  // never loses content, so the worst case is one page read again. The
  // mapping starts on a page boundary, so rounding down stays inside it.
  const uintptr_t first = reinterpret_cast<uintptr_t>(begin) & ~(kPage - 1);
  const uintptr_t last = reinterpret_cast<uintptr_t>(end) & ~(kPage - 1);
  if (first < last) madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

}  // namespace kcrc
