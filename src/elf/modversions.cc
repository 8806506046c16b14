#include "kcrc/elf/modversions.h"

#include <cstring>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

uint64_t ReadUint(std::string_view bytes, size_t size, Endian endian) {
  uint64_t value = 0;
  for (size_t i = 0; i < size; ++i) {
    size_t index = endian == Endian::kBig ? i : size - 1 - i;
    value = (value << 8) | static_cast<uint8_t>(bytes[index]);
  }
  return value;
}

void AppendUint(std::string& out, uint64_t value, size_t size, Endian endian) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) {
    size_t index = endian == Endian::kBig ? size - 1 - i : i;
    bytes[index] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  out += bytes;
}

void CheckBits(uint32_t bits) { Check(bits == 32 || bits == 64, "unsupported word size {}", bits); }

}  // namespace

bool IsOverLong(std::string_view name, uint32_t bits) {
  CheckBits(bits);
  return name.size() >= NameFieldSize(bits);
}

Sha256Digest DigestOfSymbolName(std::string_view name) {
  if (name.starts_with('.')) name.remove_prefix(1);
  return Sha256(name);
}

std::string TableForm(std::string_view name, uint32_t bits) {
  if (!IsOverLong(name, bits)) return std::string(name);
  return std::string(kHashedNameTag) + ":" + ToHex(DigestOfSymbolName(name));
}

std::string EncodeNameField(std::string_view name, uint32_t bits) {
  std::string field;
  if (IsOverLong(name, bits)) {
    Sha256Digest digest = DigestOfSymbolName(name);
    field.append(kHashedNameTag);
    field.push_back('\0');
    field.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  } else {
    Check(name.find('\0') == std::string_view::npos, "symbol name contains a NUL byte");
    field.append(name);
  }
  field.resize(NameFieldSize(bits), '\0');
  return field;
}

std::string EncodeBasicTable(std::span<const ImportVersion> symbols, const Target& target) {
  std::string out;
  for (const ImportVersion& symbol : symbols) {
    AppendUint(out, symbol.crc, CrcFieldSize(target.bits), target.endian);
    out += EncodeNameField(symbol.name, target.bits);
  }
  return out;
}

std::string EncodeExtendedCrcs(std::span<const ImportVersion> symbols, Endian endian) {
  std::string out;
  for (const ImportVersion& symbol : symbols) AppendUint(out, symbol.crc, 4, endian);
  return out;
}

std::string EncodeExtendedNames(std::span<const ImportVersion> symbols) {
  std::string out;
  for (const ImportVersion& symbol : symbols) {
    out += symbol.name;
    out.push_back('\0');
  }
  out.push_back('\0');  // modpost's concatenated string literal ends with one more NUL
  return out;
}

std::vector<BasicEntry> DecodeBasicTable(std::string_view bytes, const Target& target) {
  CheckBits(target.bits);
  Check(bytes.size() % kModversionEntrySize == 0,
        "__versions is {} bytes long, not a multiple of the {}-byte entry", bytes.size(),
        kModversionEntrySize);
  const size_t crc_size = CrcFieldSize(target.bits);
  std::vector<BasicEntry> entries;
  entries.reserve(bytes.size() / kModversionEntrySize);
  for (size_t offset = 0; offset < bytes.size(); offset += kModversionEntrySize) {
    std::string_view entry = bytes.substr(offset, kModversionEntrySize);
    std::string_view field = entry.substr(crc_size);
    size_t end = field.find('\0');
    Check(end != std::string_view::npos, "__versions entry {} has no NUL in its name",
          offset / kModversionEntrySize);
    BasicEntry decoded;
    decoded.crc = ReadUint(entry, crc_size, target.endian);
    decoded.name = std::string(field.substr(0, end));
    if (decoded.name == kHashedNameTag) {
      Sha256Digest digest;
      std::string_view stored = field.substr(end + 1, digest.size());
      std::memcpy(digest.data(), stored.data(), digest.size());
      decoded.digest = digest;
    }
    entries.push_back(std::move(decoded));
  }
  return entries;
}

ExtendedTable DecodeExtendedTables(std::string_view crcs, std::string_view names, Endian endian) {
  ExtendedTable table;
  const size_t count = crcs.size() / 4;
  if (crcs.size() % 4 != 0) {
    table.warnings.push_back(fmt::format(
        "__version_ext_crcs is {} bytes long, not a multiple of 4; the loader ignores the last {}",
        crcs.size(), crcs.size() % 4));
  }
  size_t offset = 0;
  for (size_t i = 0; i < count; ++i) {
    size_t end = names.find('\0', offset);
    if (end == std::string_view::npos) {
      Fail(
          "more extended version CRCs than names: __version_ext_crcs has {} CRCs, "
          "__version_ext_names {} NUL-terminated names (the loader refuses this module)",
          count, i);
    }
    table.entries.push_back({std::string(names.substr(offset, end - offset)),
                             static_cast<uint32_t>(ReadUint(crcs.substr(i * 4), 4, endian))});
    offset = end + 1;
  }
  std::string_view rest = names.substr(offset);
  if (rest.find_first_not_of('\0') != std::string_view::npos) {
    table.warnings.push_back(fmt::format(
        "__version_ext_names has {} bytes of names beyond the {} CRCs; the loader ignores them",
        rest.size(), count));
  }
  return table;
}

}  // namespace kcrc
