// File: tools/commands.h
//
// The command table: one row per subcommand. It drives dispatch in main.cpp, the
// listing in `vnlink --help`, and the tests that every command has a man page whose
// options agree with its --help. Add a subcommand by writing tools/<name>.cpp with
// `int Run<Name>(int argc, char** argv)` and adding one row here.

#ifndef VNLINK_TOOLS_COMMANDS_H_
#define VNLINK_TOOLS_COMMANDS_H_

#include <span>
#include <string_view>

namespace vnlink::cli {

using RunFunction = int (*)(int argc, char** argv);

struct Command {
  std::string_view name;
  RunFunction run;
  std::string_view summary;
};

int RunBlock(int argc, char** argv);
int RunCat(int argc, char** argv);
int RunMatch(int argc, char** argv);
int RunTrain(int argc, char** argv);

inline constexpr Command kCommands[] = {
    {"cat", RunCat, "convert CSV, TSV or JSON Lines to TSV or CSV, selecting and renaming columns"},
    {"block", RunBlock, "blocking keys, exact candidate-pair counts per rule, shard files"},
    {"train", RunTrain, "estimate a model's parameters (lambda, u, m by EM, term frequencies)"},
    {"match", RunMatch, "score candidate pairs with a trained model and write the scored pairs"},
};

}  // namespace vnlink::cli

#endif  // VNLINK_TOOLS_COMMANDS_H_
