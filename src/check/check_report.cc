#include "kcrc/check/check_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "kcrc/compare/member_diff.h"
#include "kcrc/report/change_text.h"
#include "kcrc/report/json.h"

namespace kcrc {
namespace {

using Json = nlohmann::ordered_json;

std::string Hex(uint64_t crc) { return fmt::format("0x{:08x}", crc); }

// The line the loader prints first, or kcrc's words where it is silent.
std::string Headline(const Problem& problem) {
  return problem.loader_log.empty() ? "refused without a message: " + problem.detail
                                    : problem.loader_log.front();
}

const ImportWhy* WhyOf(const ModuleResult& module, const Problem& problem) {
  for (const ImportWhy& why : module.whys)
    if (why.symbol == problem.symbol) return &why;
  return nullptr;
}

void AppendWhyText(std::string& out, const ImportWhy& why) {
  for (const ExplainedCause& cause : why.causes) {
    out += "    why: " + CauseTitle(cause.key) + "\n";
    for (const Change& change : cause.changes) out += "      " + DescribeChange(change) + "\n";
    out += "      " + FormatPath(cause.path) + "\n";
  }
  if (!why.note.empty()) out += "    why: " + why.note + "\n";
}

void AppendProblemText(std::string& out, const ModuleResult& module, const Problem& problem,
                       bool warning) {
  out += fmt::format("{}: {}{}\n", module.path, warning ? "warning: " : "", Headline(problem));
  for (size_t i = 1; i < problem.loader_log.size(); ++i)
    out +=
        fmt::format("{}: {}{}\n", module.path, warning ? "warning: " : "", problem.loader_log[i]);
  if (!problem.loader_log.empty() && !problem.detail.empty()) out += "    " + problem.detail + "\n";
  if (const ImportWhy* why = WhyOf(module, problem)) AppendWhyText(out, *why);
}

Json CrcJson(const std::optional<uint64_t>& crc) { return crc ? Json(Hex(*crc)) : Json(nullptr); }

Json WhyJson(const ImportWhy& why) {
  // The causes exactly as `kcrc explain --format=json` writes them.
  Explanation explanation;
  explanation.symbol = why.symbol;
  explanation.in_ref = explanation.in_new = true;
  explanation.old_crc = 0;
  explanation.new_crc = 1;  // "changed": the causes are written
  explanation.causes = why.causes;
  const Json explained = Json::parse(JsonExplanation(explanation));
  Json j;
  j["status"] = WhyStatusName(why.status);
  j["causes"] = explained.at("causes");
  j["kernel_records_crc"] =
      why.kernel_records_crc ? Json(Hex(*why.kernel_records_crc)) : Json(nullptr);
  if (!why.note.empty()) j["note"] = why.note;
  return j;
}

Json ProblemJson(const ModuleResult& module, const Problem& problem) {
  Json j;
  j["kind"] = ProblemKindName(problem.kind);
  j["symbol"] = problem.symbol.empty() ? Json(nullptr) : Json(problem.symbol);
  j["module_crc"] = CrcJson(problem.module_crc);
  j["kernel_crc"] = problem.kernel_crc ? Json(Hex(*problem.kernel_crc)) : Json(nullptr);
  const ImportWhy* why = WhyOf(module, problem);
  Json causes = Json::array();
  if (why)
    for (const ExplainedCause& cause : why->causes) causes.push_back(cause.key);
  j["causes"] = std::move(causes);
  j["message"] = Headline(problem);
  j["loader_log"] = problem.loader_log;
  j["detail"] = problem.detail;
  if (!problem.exporter.empty()) j["exporter"] = problem.exporter;
  if (!problem.export_kind.empty()) j["export_type"] = problem.export_kind;
  if (!problem.name_space.empty()) j["namespace"] = problem.name_space;
  if (why) j["why"] = WhyJson(*why);
  return j;
}

std::string_view InputKindName(KernelInputKind kind) {
  switch (kind) {
    case KernelInputKind::kSymvers:
      return "symvers";
    case KernelInputKind::kTree:
      return "tree";
    case KernelInputKind::kBinary:
      return "binary";
  }
  return "?";
}

struct Counts {
  size_t load = 0, refused = 0, errors = 0, problems = 0;
};

Counts Count(const CheckResult& result) {
  Counts counts;
  for (const ModuleResult& module : result.modules) {
    if (module.error) {
      ++counts.errors;
    } else if (module.verdict.loads) {
      ++counts.load;
    } else {
      ++counts.refused;
    }
    counts.problems += module.verdict.problems.size();
  }
  return counts;
}

}  // namespace

std::string CheckText(const CheckResult& result) {
  std::string out;
  for (const ModuleResult& module : result.modules) {
    if (module.error) continue;  // on stderr, from the CLI
    for (const Problem& problem : module.verdict.problems)
      AppendProblemText(out, module, problem, false);
    for (const Problem& problem : module.verdict.warnings)
      AppendProblemText(out, module, problem, true);
  }
  for (const std::string& note : result.notes) out += "note: " + note + "\n";
  const Counts counts = Count(result);
  out += fmt::format("{} module{} checked: {} would load, {} refused", result.modules.size(),
                     result.modules.size() == 1 ? "" : "s", counts.load, counts.refused);
  if (counts.problems)
    out += fmt::format(" ({} problem{})", counts.problems, counts.problems == 1 ? "" : "s");
  if (counts.errors) out += fmt::format(", {} unreadable", counts.errors);
  out += "\n";
  return out;
}

std::string CheckJson(const CheckResult& result, const KernelExports& kernel) {
  Json j;
  j["modules"] = Json::array();
  for (const ModuleResult& module : result.modules) {
    Json m;
    m["module"] = module.path;
    m["name"] = module.name;
    m["loads"] = !module.error && module.verdict.loads;
    m["problems"] = Json::array();
    for (const Problem& problem : module.verdict.problems)
      m["problems"].push_back(ProblemJson(module, problem));
    m["warnings"] = Json::array();
    for (const Problem& problem : module.verdict.warnings)
      m["warnings"].push_back(ProblemJson(module, problem));
    if (module.error) m["error"] = *module.error;
    j["modules"].push_back(std::move(m));
  }
  Json k;
  k["inputs"] = Json::array();
  for (const KernelInput& input : kernel.inputs())
    k["inputs"].push_back(
        {{"path", input.path}, {"kind", InputKindName(input.kind)}, {"exports", input.exports}});
  k["exports"] = kernel.size();
  k["crcs"] = kernel.has_crcs();
  k["vermagic"] = kernel.vermagic() ? Json(*kernel.vermagic()) : Json(nullptr);
  k["module_struct_size"] =
      kernel.module_struct_size() ? Json(*kernel.module_struct_size()) : Json(nullptr);
  if (result.crc_origin)
    k["crcs_from_symtypes"] = {{"sampled", result.crc_origin->sampled},
                               {"agreeing", result.crc_origin->agreeing},
                               {"from_dwarf", result.crc_origin->from_these_symtypes()}};
  j["kernel"] = std::move(k);
  j["notes"] = result.notes;
  const Counts counts = Count(result);
  j["summary"] = {{"modules", result.modules.size()},
                  {"load", counts.load},
                  {"refused", counts.refused},
                  {"problems", counts.problems},
                  {"unreadable", counts.errors}};
  // Names are bytes, not necessarily UTF-8: invalid sequences become U+FFFD.
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace kcrc
