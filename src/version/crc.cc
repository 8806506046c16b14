#include "kcrc/version/crc.h"

#include <libdeflate.h>

#include <unordered_set>
#include <vector>

#include "kcrc/base/error.h"

namespace kcrc {
namespace {

// Iterative (an explicit stack instead of recursion): whole-kernel type maps
// chain thousands of records.
class Versioner {
 public:
  Versioner(const RecordResolver& resolve, const VersionOptions& options)
      : resolve_(resolve), expanded_(options.expanded) {}

  void Run(const TokenList& symbol) {
    struct Frame {
      const TokenList* tokens;
      size_t next;
      const std::string* owner;  // key of the record, null for the symbol
    };
    std::vector<Frame> stack{{&symbol, 0, nullptr}};
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next == frame.tokens->size()) {
        stack.pop_back();
        continue;
      }
      const Token& token = (*frame.tokens)[frame.next++];
      if (!token.is_ref) {
        Append(token.text);
        continue;
      }
      const TokenList* record = resolve_(token.text);
      if (record == nullptr)
        Fail("__calculate_version: unknown type reference to '{}' when expanding '{}'",
             token.text, frame.owner ? *frame.owner : std::string("(null)"));
      // Each record is expanded at its first occurrence only.
      if (!seen_.insert(record).second) {
        Append(token.text);
        continue;
      }
      stack.push_back({record, 0, &token.text});
    }
  }

  uint32_t crc() const { return static_cast<uint32_t>(crc_); }

 private:
  // libdeflate's crc32 is zlib's (same polynomial and conventions, 0 to
  // start) with carry-less multiplication where the CPU has it: versioning
  // hashes every symbol's whole expansion, gigabytes for vmlinux, and zlib's
  // table-driven crc32 was a third of the run.
  void Append(std::string_view text) {
    crc_ = libdeflate_crc32(crc_, text.data(), text.size());
    if (expanded_) expanded_->append(text);
  }

  const RecordResolver& resolve_;
  std::string* expanded_;
  uint32_t crc_ = 0;
  std::unordered_set<const TokenList*> seen_;
};

}  // namespace

uint32_t ComputeVersion(const TokenList& tokens, const RecordResolver& resolve,
                        const VersionOptions& options) {
  Versioner versioner(resolve, options);
  versioner.Run(tokens);
  return versioner.crc();
}

uint32_t Crc32(std::string_view text) {
  return libdeflate_crc32(0, text.data(), text.size());
}

}  // namespace kcrc
