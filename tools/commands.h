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
int RunCluster(int argc, char** argv);
int RunDedupe(int argc, char** argv);
int RunEval(int argc, char** argv);
int RunExplain(int argc, char** argv);
int RunLink(int argc, char** argv);
int RunMatch(int argc, char** argv);
int RunNormalize(int argc, char** argv);
int RunReport(int argc, char** argv);
int RunSettings(int argc, char** argv);
int RunSynth(int argc, char** argv);
int RunTrain(int argc, char** argv);

inline constexpr Command kCommands[] = {
    {"normalize", RunNormalize, "repair and normalize raw records into the canonical records TSV"},
    {"synth", RunSynth, "write realistic synthetic Vietnamese patient records with a truth file"},
    {"block", RunBlock, "blocking keys, exact candidate-pair counts per rule, shard files"},
    {"train", RunTrain, "estimate a model's parameters (lambda, u, m by EM, term frequencies)"},
    {"match", RunMatch, "score candidate pairs with a trained model and write the scored pairs"},
    {"cluster", RunCluster, "cluster scored pairs into identities, with guards against chaining"},
    {"eval", RunEval, "measure precision, recall, F1 and cluster metrics against a ground truth"},
    {"dedupe", RunDedupe, "the whole job on one source: normalize, train, match and cluster"},
    {"link", RunLink, "the whole job on two sources: link their records into identities"},
    {"explain", RunExplain, "explain the match weight of two records, step by step"},
    {"report", RunReport, "write the audit report: one self-contained HTML file"},
    {"settings", RunSettings, "print the compiled-in default settings for Vietnamese records"},
    {"cat", RunCat, "convert CSV, TSV or JSON Lines to TSV or CSV, selecting and renaming columns"},
};

}  // namespace vnlink::cli

#endif  // VNLINK_TOOLS_COMMANDS_H_
