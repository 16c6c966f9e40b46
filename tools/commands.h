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

int RunCat(int argc, char** argv);
int RunCluster(int argc, char** argv);
int RunEval(int argc, char** argv);

inline constexpr Command kCommands[] = {
    {"cat", RunCat, "convert CSV, TSV or JSON Lines to TSV or CSV, selecting and renaming columns"},
    {"cluster", RunCluster, "cluster scored pairs into identities, with guards against chaining"},
    {"eval", RunEval, "measure precision, recall, F1 and cluster metrics against a ground truth"},
};

}  // namespace vnlink::cli

#endif  // VNLINK_TOOLS_COMMANDS_H_
