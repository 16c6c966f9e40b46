#include "liblink/error.h"

#include <cstring>

namespace vnlink {
namespace {

std::string Locate(const std::string& file, std::uint64_t line, const std::string& message) {
  std::string s;
  s.reserve(file.size() + message.size() + 24);
  s.append(file);
  if (line > 0) {
    s.push_back(':');
    s.append(std::to_string(line));
  }
  s.append(": ");
  s.append(message);
  return s;
}

}  // namespace

DataError::DataError(std::string file, std::uint64_t line, std::string message)
    : Error(Locate(file, line, message)),
      file_(std::move(file)),
      line_(line),
      message_(std::move(message)) {}

IoError::IoError(const std::string& what, int errno_value)
    : Error(what + ": " + std::strerror(errno_value)), errno_value_(errno_value) {}

}  // namespace vnlink
