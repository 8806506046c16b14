#include "kcrc/gen/kabi_checks.h"

namespace kcrc {

std::vector<std::string> CheckKabiLayout(const KabiCheckInput&) { return {}; }

std::string KabiReport(const KabiCheckInput&, const std::vector<KabiReportSymbol>&) { return {}; }

}  // namespace kcrc
