// Compressed modules (`.ko.xz`, `.ko.zst`) are decompressed into an anonymous
// memory file: libdwfl and libelf need a file they can open and map, and a
// memfd is one without touching the disk.
#pragma once

#include <string>

#include "kcrc/scan/discover.h"

namespace kcrc {

class DecompressedFile {
 public:
  // Decompresses `path`; throws Error naming it when it is not valid xz/zstd.
  DecompressedFile(const std::string& path, Compression compression);
  ~DecompressedFile();
  DecompressedFile(const DecompressedFile&) = delete;
  DecompressedFile& operator=(const DecompressedFile&) = delete;

  // A path that opens the decompressed bytes (/proc/self/fd/<n>).
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

// The decompressed bytes of a file (for tests and small files).
std::string Decompress(const std::string& path, Compression compression);

// The bytes of a file that may be compressed: gzip, xz or zstd data
// (recognised by their magic numbers, whatever the file is called; a
// Module.symvers may be shipped as /boot/symvers-<release>.gz), decompressed;
// any other file as it is. Throws Error naming the file when it cannot be
// read or its compressed data is invalid.
std::string ReadMaybeCompressed(const std::string& path);

}  // namespace kcrc
