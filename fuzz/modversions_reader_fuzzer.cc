// Fuzzes the modversion-table reader (`kcrc versions`): the input bytes are a
// module, read with ReadModuleVersions and rendered as text and JSON. The
// decoders of the table bytes also get the raw input directly, for 32 and 64
// bit and both byte orders.
//
// Contract under test: any input ends with a result or a kcrc::Error; never a
// crash, a sanitizer report, a hang or another exception type.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_input.h"
#include "kcrc/base/error.h"
#include "kcrc/elf/module_versions.h"
#include "kcrc/elf/modversions.h"
#include "kcrc/modversions/versions_report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const kcrc::ModuleVersions versions =
        kcrc::ReadModuleVersions(kcrc::fuzz::InputPath(data, size));
    for (const kcrc::VersionsTable table :
         {kcrc::VersionsTable::kBasic, kcrc::VersionsTable::kExtended,
          kcrc::VersionsTable::kLoader})
      (void)kcrc::VersionsText(versions, table, nullptr);
    // As `kcrc versions --format json` prints it (names need not be UTF-8).
    (void)kcrc::VersionsJson(versions, nullptr)
        .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const kcrc::Error&) {
  }
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const kcrc::Endian endian : {kcrc::Endian::kLittle, kcrc::Endian::kBig}) {
    for (const uint32_t bits : {32u, 64u}) {
      try {
        (void)kcrc::DecodeBasicTable(bytes, kcrc::Target{bits, endian});
      } catch (const kcrc::Error&) {
      }
    }
    // Split the input in two: CRCs, then names.
    const size_t half = size / 2;
    try {
      (void)kcrc::DecodeExtendedTables(bytes.substr(0, half), bytes.substr(half), endian);
    } catch (const kcrc::Error&) {
    }
  }
  return 0;
}
