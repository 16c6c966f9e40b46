#include "cli.h"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "liblink/error.h"

namespace vnlink::cli {

struct CommandLine::ThreadControl {
  explicit ThreadControl(int n) : control(tbb::global_control::max_allowed_parallelism, n) {}
  tbb::global_control control;
};

namespace {

int DefaultThreads() {
  if (const char* env = std::getenv("VNLINK_THREADS"); env != nullptr && *env != '\0') {
    char* end = nullptr;
    long n = std::strtol(env, &end, 10);
    if (*end == '\0' && n > 0 && n <= 4096) return static_cast<int>(n);
  }
  return tbb::info::default_concurrency();
}

}  // namespace

CommandLine::CommandLine(std::string command, std::string usage, std::string description)
    : command_(std::move(command)),
      usage_(std::move(usage)),
      description_(std::move(description)),
      own_("Options"),
      common_desc_("Common options") {
  common_desc_.add_options()(
      "output,o", po::value<std::string>()->value_name("FILE")->default_value("-"),
      "write the output to FILE ('-' = standard output); the file appears whole or not at all")(
      "threads,t", po::value<int>()->value_name("N"),
      "worker threads (default: $VNLINK_THREADS, else all cores); output is identical at any N")(
      "input-format", po::value<std::string>()->value_name("FMT")->default_value("auto"),
      "input format: csv, tsv, jsonl or auto (by file extension, else by content)")(
      "delimiter", po::value<std::string>()->value_name("C")->default_value(","),
      "field delimiter of CSV input (one character, or 'tab')")(
      "progress", "show progress on standard error (default when it is a terminal)")(
      "no-progress", "never show progress")(
      "quiet,q", "print nothing on standard error but warnings and errors")(
      "help,h", "print this help and exit");
}

CommandLine::~CommandLine() = default;

void CommandLine::Positional(const std::string& name, int max_count) {
  positional_name_ = name;
  positional_max_ = max_count;
}

std::string CommandLine::Help() const {
  std::ostringstream os;
  os << "Usage: vnlink " << command_ << " " << usage_ << "\n\n" << description_ << "\n\n";
  if (!own_.options().empty()) os << own_ << "\n";
  os << common_desc_;
  return os.str();
}

bool CommandLine::Parse(int argc, char** argv) {
  po::options_description all;
  all.add(own_).add(common_desc_);
  po::options_description hidden;
  po::positional_options_description positional;
  if (positional_max_ != 0) {
    hidden.add_options()(positional_name_.c_str(),
                         po::value<std::vector<std::string>>(&inputs_)->composing());
    positional.add(positional_name_.c_str(), positional_max_);
    all.add(hidden);
  }
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm_);
    if (vm_.count("help")) {
      std::cout << Help();
      return false;
    }
    po::notify(vm_);
  } catch (const po::too_many_positional_options_error&) {
    throw UsageError("too many arguments");
  }

  common_.output = vm_["output"].as<std::string>();
  common_.threads = vm_.count("threads") ? vm_["threads"].as<int>() : DefaultThreads();
  if (common_.threads < 1 || common_.threads > 4096) {
    throw UsageError("--threads must be between 1 and 4096, not '" +
                     std::to_string(common_.threads) + "'");
  }
  threads_ = std::make_unique<ThreadControl>(common_.threads);

  std::string format = vm_["input-format"].as<std::string>();
  auto parsed = ParseFormat(format);
  if (!parsed) throw UsageError("unknown input format '" + format + "' (csv, tsv, jsonl, auto)");
  common_.input_format = *parsed;

  std::string delimiter = vm_["delimiter"].as<std::string>();
  if (delimiter == "tab" || delimiter == "\\t") delimiter = "\t";
  if (delimiter.size() != 1 || delimiter[0] == '"' || delimiter[0] == '\n' ||
      delimiter[0] == '\r') {
    throw UsageError("--delimiter must be one character other than a quote or newline, not '" +
                     delimiter + "'");
  }
  common_.delimiter = delimiter[0];

  common_.quiet = vm_.count("quiet") > 0;
  common_.progress = isatty(STDERR_FILENO) != 0;
  if (vm_.count("progress")) common_.progress = true;
  if (vm_.count("no-progress") || common_.quiet) common_.progress = false;
  return true;
}

std::vector<std::string> CommandLine::InputsOrStdin() const {
  if (!inputs_.empty()) return inputs_;
  if (isatty(STDIN_FILENO)) {
    throw UsageError("no input file given and standard input is a terminal");
  }
  return {"-"};
}

ReaderOptions CommandLine::reader_options() const {
  ReaderOptions options;
  options.format = common_.input_format;
  options.delimiter = common_.delimiter;
  return options;
}

void Warn(std::string_view command, std::string_view message) {
  std::cout.flush();
  std::fflush(stdout);
  std::cerr << "vnlink " << command << ": warning: " << message << "\n";
}

void Note(std::string_view command, std::string_view message) {
  std::cout.flush();
  std::fflush(stdout);
  std::cerr << "vnlink " << command << ": " << message << "\n";
}

}  // namespace vnlink::cli
