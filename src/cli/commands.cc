#include "commands.h"

namespace kcrc::cli {
namespace {

constexpr const Command* kCommands[] = {
    &kGenCommand,      &kScanCommand,        &kCompareCommand,     &kUnusedRulesCommand,
    &kExplainCommand,  &kCrcCommand,         &kConsolidateCommand, &kSplitCommand,
    &kHashNameCommand, &kModversionsCommand, &kVersionsCommand,    &kCheckCommand,
};

}  // namespace

std::span<const Command* const> AllCommands() { return kCommands; }

const Command* FindCommand(std::string_view name) {
  for (const Command* command : kCommands)
    if (command->name == name) return command;
  return nullptr;
}

}  // namespace kcrc::cli
