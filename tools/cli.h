// File: tools/cli.h
//
// What every subcommand shares: option parsing with the common options defined once,
// --help text generated from the same option descriptions (so help and man page can be
// checked against each other), warnings and progress on standard error.
//
// A subcommand is a thin shell over library functions:
//
//   int RunCat(int argc, char** argv) {
//     vnlink::cli::CommandLine cl("cat", "[options] [FILE...]",
//                                 "Convert CSV, TSV or JSON Lines to TSV or CSV.");
//     std::string columns;
//     cl.options().add_options()("select,s", po::value(&columns), "columns to keep");
//     cl.Positional("FILE", -1);
//     if (!cl.Parse(argc, argv)) return 0;   // --help was printed
//     ...                                     // library calls; throw vnlink errors
//     return 0;
//   }

#ifndef VNLINK_TOOLS_CLI_H_
#define VNLINK_TOOLS_CLI_H_

#include <boost/program_options.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "liblink/record_reader.h"

namespace vnlink::cli {

namespace po = boost::program_options;

// Options every subcommand takes, parsed by CommandLine.
struct CommonOptions {
  int threads = 0;                      // --threads (default: VNLINK_THREADS, else all cores)
  std::string output = "-";             // -o/--output
  Format input_format = Format::kAuto;  // --input-format
  char delimiter = ',';                 // --delimiter (CSV input)
  bool progress = false;                // --progress/--no-progress (default: stderr is a terminal)
  bool quiet = false;                   // --quiet: no progress, no summary, warnings only
};

class CommandLine {
 public:
  // `usage` follows the command name in "Usage: vnlink CMD <usage>".
  CommandLine(std::string command, std::string usage, std::string description);
  ~CommandLine();

  // The subcommand's own options; add them before Parse().
  po::options_description& options() { return own_; }
  // Declares the positional arguments: up to `max_count` (-1 = any number).
  void Positional(const std::string& name, int max_count);

  // Parses argv (argv[0] is the command name). Prints help and returns false for --help.
  // Throws UsageError on bad options. Sets up the thread count (oneTBB global control).
  bool Parse(int argc, char** argv);

  const po::variables_map& vm() const { return vm_; }
  const CommonOptions& common() const { return common_; }
  // The positional arguments as given; empty when none.
  const std::vector<std::string>& inputs() const { return inputs_; }
  // The inputs, or {"-"} when none were given. When none were given and standard input is
  // a terminal, throws UsageError (we would wait forever on the keyboard).
  std::vector<std::string> InputsOrStdin() const;
  // ReaderOptions from the common options (format, delimiter).
  ReaderOptions reader_options() const;

  const std::string& command() const { return command_; }
  std::string Help() const;

 private:
  std::string command_, usage_, description_;
  po::options_description own_;
  po::options_description common_desc_;
  std::string positional_name_;
  int positional_max_ = 0;
  po::variables_map vm_;
  CommonOptions common_;
  std::vector<std::string> inputs_;
  struct ThreadControl;
  std::unique_ptr<ThreadControl> threads_;
};

// "vnlink CMD: warning: message" on standard error (after flushing standard output).
void Warn(std::string_view command, std::string_view message);
// "vnlink CMD: message" on standard error: summaries and progress lines.
void Note(std::string_view command, std::string_view message);

}  // namespace vnlink::cli

#endif  // VNLINK_TOOLS_CLI_H_
