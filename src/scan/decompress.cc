#include "kcrc/scan/decompress.h"

#include <fcntl.h>
#include <lzma.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <functional>

#include "kcrc/base/atomic_file.h"
#include "kcrc/base/error.h"

namespace kcrc {
namespace {

using Sink = std::function<void(const char*, size_t)>;

// gzip, as distributions ship /boot/symvers-*.gz; several members are read
// one after the other (as gzip -d does).
void DecompressGzip(const std::string& path, const std::string& input, const Sink& sink) {
  z_stream stream{};
  Check(inflateInit2(&stream, 16 + MAX_WBITS) == Z_OK, "{}: cannot start the gzip decoder", path);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  char buffer[1 << 16];
  int ret = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    ret = inflate(&stream, Z_NO_FLUSH);
    const size_t produced = sizeof(buffer) - stream.avail_out;
    if (produced) sink(buffer, produced);
    if (ret == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      ret = inflateReset(&stream);  // another member follows
      if (ret != Z_OK) break;
      continue;
    }
    if (ret != Z_OK || (produced == 0 && stream.avail_in == 0)) break;
  }
  const std::string message = stream.msg ? stream.msg : "truncated data";
  inflateEnd(&stream);
  Check(ret == Z_STREAM_END, "{}: invalid gzip data ({})", path, message);
}

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

void DecompressBytes(const std::string& path, const std::string& input, Compression compression,
                     const Sink& sink) {
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

void DecompressTo(const std::string& path, Compression compression, const Sink& sink) {
  DecompressBytes(path, ReadFile(path), compression, sink);
}

}  // namespace

std::string ReadMaybeCompressed(const std::string& path) {
  std::string input = ReadFile(path);
  constexpr std::string_view kGzip = "\x1f\x8b";
  constexpr std::string_view kXz =
      "\xfd"
      "7zXZ";
  constexpr std::string_view kZstd = "\x28\xb5\x2f\xfd";
  std::string output;
  const Sink append = [&](const char* data, size_t size) { output.append(data, size); };
  const std::string_view head(input);
  if (head.starts_with(kGzip)) {
    DecompressGzip(path, input, append);
  } else if (head.starts_with(kXz)) {
    DecompressBytes(path, input, Compression::kXz, append);
  } else if (head.starts_with(kZstd)) {
    DecompressBytes(path, input, Compression::kZstd, append);
  } else {
    return input;
  }
  return output;
}

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
