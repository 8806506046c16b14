#include "kcrc/scan/decompress.h"

#include <fcntl.h>
#include <lzma.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Check(in.is_open(), "open failed for '{}': {}", path, std::strerror(errno));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Check(!in.bad(), "{}: read failed", path);
  return bytes;
}

using Sink = std::function<void(const char*, size_t)>;

void DecompressXz(const std::string& path, const std::string& input, const Sink& sink) {
  lzma_stream stream = LZMA_STREAM_INIT;
  Check(lzma_stream_decoder(&stream, UINT64_MAX, LZMA_CONCATENATED) == LZMA_OK,
        "{}: cannot start the xz decoder", path);
  stream.next_in = reinterpret_cast<const uint8_t*>(input.data());
  stream.avail_in = input.size();
  char buffer[1 << 16];
  lzma_ret ret = LZMA_OK;
  while (ret == LZMA_OK) {
    stream.next_out = reinterpret_cast<uint8_t*>(buffer);
    stream.avail_out = sizeof(buffer);
    ret = lzma_code(&stream, LZMA_FINISH);
    const size_t produced = sizeof(buffer) - stream.avail_out;
    if (produced) sink(buffer, produced);
  }
  lzma_end(&stream);
  Check(ret == LZMA_STREAM_END, "{}: invalid xz data (lzma error {})", path, static_cast<int>(ret));
}

void DecompressZstd(const std::string& path, const std::string& input, const Sink& sink) {
  ZSTD_DStream* stream = ZSTD_createDStream();
  Check(stream != nullptr, "{}: cannot start the zstd decoder", path);
  ZSTD_inBuffer in{input.data(), input.size(), 0};
  char buffer[1 << 16];
  size_t ret = 1;
  while (in.pos < in.size) {
    ZSTD_outBuffer out{buffer, sizeof(buffer), 0};
    ret = ZSTD_decompressStream(stream, &out, &in);
    if (ZSTD_isError(ret)) break;
    if (out.pos) sink(buffer, out.pos);
  }
  // Flush what the decoder still holds.
  while (!ZSTD_isError(ret) && ret != 0) {
    ZSTD_outBuffer out{buffer, sizeof(buffer), 0};
    ret = ZSTD_decompressStream(stream, &out, &in);
    if (ZSTD_isError(ret) || out.pos == 0) break;
    sink(buffer, out.pos);
  }
  const bool failed = ZSTD_isError(ret);
  const std::string message = failed ? ZSTD_getErrorName(ret) : "truncated frame";
  ZSTD_freeDStream(stream);
  Check(!failed && ret == 0 && !input.empty(), "{}: invalid zstd data ({})", path, message);
}

void DecompressTo(const std::string& path, Compression compression, const Sink& sink) {
  const std::string input = ReadWhole(path);
  switch (compression) {
    case Compression::kXz:
      DecompressXz(path, input, sink);
      break;
    case Compression::kZstd:
      DecompressZstd(path, input, sink);
      break;
    case Compression::kNone:
      sink(input.data(), input.size());
      break;
  }
}

}  // namespace

std::string Decompress(const std::string& path, Compression compression) {
  std::string output;
  DecompressTo(path, compression,
               [&](const char* data, size_t size) { output.append(data, size); });
  return output;
}

DecompressedFile::DecompressedFile(const std::string& path, Compression compression) {
  fd_ = memfd_create("kcrc-module", MFD_CLOEXEC);
  Check(fd_ >= 0, "{}: memfd_create failed: {}", path, std::strerror(errno));
  path_ = "/proc/self/fd/" + std::to_string(fd_);
  try {
    DecompressTo(path, compression, [&](const char* data, size_t size) {
      while (size > 0) {
        const ssize_t written = write(fd_, data, size);
        if (written < 0 && errno == EINTR) continue;
        Check(written > 0, "{}: writing the decompressed module failed: {}", path,
              std::strerror(errno));
        data += written;
        size -= static_cast<size_t>(written);
      }
    });
  } catch (...) {
    close(fd_);
    throw;
  }
}

DecompressedFile::~DecompressedFile() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace kcrc
