// The vnlink dispatcher: `vnlink CMD [options]` runs the row of kCommands named CMD.
// Every error is formatted and mapped to an exit code here and nowhere else:
// 0 success, 1 data or runtime error, 2 usage error, 3 failed check; a broken pipe is 0.

#include <unistd.h>

#include <boost/program_options/errors.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include "commands.h"
#include "liblink/error.h"

namespace {

using vnlink::cli::Command;
using vnlink::cli::kCommands;

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitCheck = 3;

void PrintUsage(std::ostream& os) {
  os << "Usage: vnlink <command> [options] [FILE...]\n"
        "       vnlink help <command>\n"
        "       vnlink --version\n\n"
        "Record linkage for Vietnamese patient records.\n\nCommands:\n";
  for (const Command& c : kCommands) {
    std::string name(c.name);
    name.resize(12, ' ');
    os << "  " << name << c.summary << "\n";
  }
  os << "\nRun 'vnlink <command> --help' for a command's options; man vnlink-<command>.\n";
}

const Command* FindCommand(std::string_view name) {
  for (const Command& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

void Error(std::string_view command, const std::string& message) {
  std::fflush(stdout);
  std::cout.flush();
  std::cerr << "vnlink " << command << ": " << message << "\n";
}

// Flushes and closes standard output, so a delayed write error (full disk) is not lost.
int CloseStdout(std::string_view command) {
  std::cout.flush();
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    if (errno == EPIPE) return kExitOk;
    Error(command, std::string("error writing standard output: ") + std::strerror(errno));
    return kExitError;
  }
  if (std::fclose(stdout) != 0 && errno != EPIPE && errno != EBADF) {
    Error(command, std::string("error closing standard output: ") + std::strerror(errno));
    return kExitError;
  }
  return kExitOk;
}

int Run(const Command& command, int argc, char** argv) {
  try {
    int rc = command.run(argc, argv);
    int close_rc = CloseStdout(command.name);
    return rc != kExitOk ? rc : close_rc;
  } catch (const vnlink::BrokenPipe&) {
    return kExitOk;
  } catch (const vnlink::UsageError& e) {
    Error(command.name, e.what());
    std::cerr << "Try 'vnlink " << command.name << " --help' for more information.\n";
    return kExitUsage;
  } catch (const boost::program_options::error& e) {
    Error(command.name, e.what());
    std::cerr << "Try 'vnlink " << command.name << " --help' for more information.\n";
    return kExitUsage;
  } catch (const vnlink::CheckFailed& e) {
    Error(command.name, e.what());
    return kExitCheck;
  } catch (const std::bad_alloc&) {
    Error(command.name, "out of memory");
    return kExitError;
  } catch (const std::exception& e) {
    Error(command.name, e.what());
    return kExitError;
  }
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe must surface as EPIPE from write(), which we turn into a quiet exit 0.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);

  if (argc < 2) {
    PrintUsage(std::cerr);
    return kExitUsage;
  }
  std::string_view first = argv[1];
  if (first == "--help" || first == "-h") {
    PrintUsage(std::cout);
    return CloseStdout("help");
  }
  if (first == "--version" || first == "-V") {
    std::cout << "vnlink " << VNLINK_VERSION << "\n";
    return CloseStdout("version");
  }
  if (first == "help") {
    if (argc < 3) {
      PrintUsage(std::cout);
      return CloseStdout("help");
    }
    const Command* c = FindCommand(argv[2]);
    if (c == nullptr) {
      Error("help", "unknown command '" + std::string(argv[2]) + "'");
      return kExitUsage;
    }
    char help_flag[] = "--help";
    char* help_argv[] = {argv[2], help_flag, nullptr};
    return Run(*c, 2, help_argv);
  }
  const Command* c = FindCommand(first);
  if (c == nullptr) {
    std::cerr << "vnlink: unknown command '" << first << "'\n";
    std::cerr << "Run 'vnlink --help' for the list of commands.\n";
    return kExitUsage;
  }
  return Run(*c, argc - 1, argv + 1);
}
