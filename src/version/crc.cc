#include "kcrc/version/crc.h"

#include <zlib.h>

#include <unordered_set>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

class Versioner {
 public:
  Versioner(const RecordResolver& resolve, const VersionOptions& options)
      : resolve_(resolve), expanded_(options.expanded), crc_(crc32(0, nullptr, 0)) {}

  // `owner` is the key of the record being expanded, or null for the symbol
  // itself (the reference prints "(null)" there).
  void Add(const TokenList& tokens, const std::string* owner) {
    for (const Token& token : tokens) {
      if (!token.is_ref) {
        Append(token.text);
        continue;
      }
      const TokenList* record = resolve_(token.text);
      if (record == nullptr)
        Fail("unknown type reference to '{}' when expanding '{}'", token.text,
             owner ? *owner : std::string("(null)"));
      if (!seen_.insert(record).second) {
        Append(token.text);
        continue;
      }
      Add(*record, &token.text);
    }
  }

  uint32_t crc() const { return static_cast<uint32_t>(crc_); }

 private:
  void Append(std::string_view text) {
    crc_ = crc32(crc_, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size()));
    if (expanded_) expanded_->append(text);
  }

  const RecordResolver& resolve_;
  std::string* expanded_;
  uLong crc_;
  std::unordered_set<const TokenList*> seen_;
};

}  // namespace

uint32_t ComputeVersion(const TokenList& tokens, const RecordResolver& resolve,
                        const VersionOptions& options) {
  Versioner versioner(resolve, options);
  versioner.Add(tokens, nullptr);
  return versioner.crc();
}

uint32_t Crc32(std::string_view text) {
  uLong crc = crc32(0, nullptr, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size()));
  return static_cast<uint32_t>(crc);
}

}  // namespace kcrc
