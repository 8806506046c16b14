// The commands of the kcrc CLI: one Command each (command.h), listed in
// kCommands (commands.cc) in the order `kcrc --help` shows them.
#pragma once

#include <span>

#include "command.h"

namespace kcrc::cli {

extern const Command kGenCommand;
extern const Command kScanCommand;
extern const Command kCompareCommand;
// `kcrc compare --symvers`: the mode of kCompareCommand selected by --symvers.
extern const Command kCompareSymversCommand;
extern const Command kUnusedRulesCommand;
extern const Command kExplainCommand;
extern const Command kCrcCommand;
extern const Command kConsolidateCommand;
extern const Command kSplitCommand;
extern const Command kHashNameCommand;
extern const Command kModversionsCommand;
extern const Command kVersionsCommand;
extern const Command kCheckCommand;

// Every command reachable by name (not the modes).
std::span<const Command* const> AllCommands();

// The command named `name`, or nullptr.
const Command* FindCommand(std::string_view name);

}  // namespace kcrc::cli
