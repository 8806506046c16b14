#include "kcrc/report/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kcrc/report/change_text.h"

namespace kcrc {
namespace {

using Json = nlohmann::ordered_json;

std::string Hex(uint32_t crc) { return fmt::format("0x{:08x}", crc); }

Json ChangeJson(const Change& c) {
  Json j;
  j["kind"] = ChangeKindName(c.kind);
  if (!c.member.empty()) j["member"] = c.member;
  if (!c.new_member.empty() && c.new_member != c.member) j["new_member"] = c.new_member;
  if (c.parameter) j["parameter"] = c.parameter;
  if (!c.old_type.empty()) j["old_type"] = c.old_type;
  if (!c.new_type.empty()) j["new_type"] = c.new_type;
  if (c.old_offset_bits) j["old_offset_bits"] = *c.old_offset_bits;
  if (c.new_offset_bits) j["new_offset_bits"] = *c.new_offset_bits;
  if (c.old_size) j["old_size"] = *c.old_size;
  if (c.new_size) j["new_size"] = *c.new_size;
  if (!c.old_value.empty()) j["old_value"] = c.old_value;
  if (!c.new_value.empty()) j["new_value"] = c.new_value;
  if (c.old_bit_size) j["old_bit_size"] = *c.old_bit_size;
  if (c.new_bit_size) j["new_bit_size"] = *c.new_bit_size;
  if (c.because) {
    const ChangeReason& r = *c.because;
    Json because;
    because["what"] = r.what == ChangeReason::What::kResized ? "resized"
                      : r.what == ChangeReason::What::kAdded ? "added"
                                                             : "removed";
    because["member"] = r.member;
    because["type"] = r.type;
    if (!r.key.empty()) because["key"] = r.key;
    if (r.offset_bits) because["offset_bits"] = *r.offset_bits;
    if (r.old_size) because["old_size"] = *r.old_size;
    if (r.new_size) because["new_size"] = *r.new_size;
    j["because"] = std::move(because);
  }
  j["description"] = DescribeChange(c);
  return j;
}

Json StepsJson(const std::vector<PathStep>& path) {
  Json steps = Json::array();
  for (const PathStep& step : path) {
    Json s = {{"key", step.key}};
    if (!step.via.empty()) s["via"] = step.via;
    steps.push_back(std::move(s));
  }
  return steps;
}

Json ExportList(const std::vector<ExportCrc>& list) {
  Json out = Json::array();
  for (const ExportCrc& e : list) out.push_back({{"symbol", e.symbol}, {"crc", Hex(e.crc)}});
  return out;
}

}  // namespace

std::string JsonReport(const Comparison& c) {
  Json j;
  j["changed"] = Json::array();
  for (const ChangedExport& e : c.changed)
    j["changed"].push_back({{"symbol", e.symbol},
                            {"old_crc", Hex(e.old_crc)},
                            {"new_crc", Hex(e.new_crc)},
                            {"causes", e.causes}});
  j["added"] = ExportList(c.added);
  j["removed"] = ExportList(c.removed);
  std::vector<const Cause*> causes;
  for (const Cause& cause : c.causes) causes.push_back(&cause);
  std::sort(causes.begin(), causes.end(),
            [](const Cause* a, const Cause* b) { return a->key < b->key; });
  j["causes"] = Json::array();
  for (const Cause* cause : causes) {
    Json changes = Json::array();
    for (const Change& change : cause->changes) changes.push_back(ChangeJson(change));
    j["causes"].push_back({{"key", cause->key},
                           {"exports", cause->exports},
                           {"changes", std::move(changes)},
                           {"old", cause->old_text},
                           {"new", cause->new_text}});
  }
  j["unchanged"] = c.unchanged;
  return j.dump(2) + "\n";
}

std::string JsonExplanation(const Explanation& x) {
  Json j;
  j["symbol"] = x.symbol;
  j["status"] = !x.in_ref ? "added" : !x.in_new ? "removed" : x.changed() ? "changed" : "unchanged";
  if (x.in_ref) j["old_crc"] = Hex(x.old_crc);
  if (x.in_new) j["new_crc"] = Hex(x.new_crc);
  j["causes"] = Json::array();
  for (const ExplainedCause& cause : x.causes) {
    Json path = StepsJson(cause.path);
    Json changes = Json::array();
    for (const Change& change : cause.changes) changes.push_back(ChangeJson(change));
    Json fixits = Json::array();
    for (const Fixit& f : cause.fixits) {
      Json fj = {{"macro", f.macro}, {"safe", f.safe}, {"place", f.place}};
      if (!f.warning.empty()) fj["warning"] = f.warning;
      fixits.push_back(std::move(fj));
    }
    j["causes"].push_back({{"key", cause.key},
                           {"path", FormatPath(cause.path)},
                           {"steps", std::move(path)},
                           {"changes", std::move(changes)},
                           {"follows_from", cause.follows_from},
                           {"fixits", std::move(fixits)},
                           {"notes", cause.notes}});
  }
  j["notes"] = x.notes;
  return j.dump(2) + "\n";
}

std::string JsonReach(const Reach& reach) {
  Json j;
  j["key"] = reach.key;
  j["exports"] = Json::array();
  for (const ReachingExport& e : reach.exports) {
    Json steps = StepsJson(e.path);
    j["exports"].push_back({{"symbol", e.symbol},
                            {"file", e.file},
                            {"by_value", e.by_value},
                            {"path", FormatPath(e.path)},
                            {"steps", std::move(steps)}});
  }
  return j.dump(2) + "\n";
}

}  // namespace kcrc
