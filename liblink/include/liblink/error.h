// File: liblink/error.h
//
// The error types of vnlink. Library code throws them; only tools/main.cpp formats them
// and picks the exit code (0 ok, 1 data or runtime error, 2 usage error, 3 failed check).
// The library never prints and never exits.
//
//   throw vnlink::DataError("patients.csv", 1042,
//                           "invalid date '31/02/1990' in column 'ngay_sinh'");
//   // main prints: vnlink normalize: patients.csv:1042: invalid date '31/02/1990' ...
//
// Message style (git's): lower case, no final full stop, the offending value in single
// quotes, what went wrong first.

#ifndef LIBLINK_ERROR_H_
#define LIBLINK_ERROR_H_

#include <cstdint>
#include <stdexcept>
#include <string>

namespace vnlink {

// Base of every vnlink error. what() is the complete message without the
// "vnlink CMD: " prefix.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input data: names the file ("-" for stdin) and, when known, the 1-based line
// (the header is line 1). what() is "FILE:LINE: message" (or "FILE: message" for line 0).
class DataError : public Error {
 public:
  DataError(std::string file, std::uint64_t line, std::string message);
  const std::string& file() const { return file_; }
  std::uint64_t line() const { return line_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  std::uint64_t line_;
  std::string message_;
};

// An operating-system failure (open, read, write, rename). what() ends with
// ": <strerror(errno)>", e.g. "cannot open 'x.csv': No such file or directory".
class IoError : public Error {
 public:
  IoError(const std::string& what, int errno_value);
  int errno_value() const { return errno_value_; }

 private:
  int errno_value_;
};

// Writing to a closed pipe (`vnlink cat big.csv | head`): main exits 0 quietly.
class BrokenPipe : public Error {
 public:
  BrokenPipe() : Error("broken pipe") {}
};

// Wrong use of the command line (unknown option, bad option value): exit 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

// A check the user asked for did not pass (e.g. `eval --fail-below 0.98`): exit 3.
class CheckFailed : public Error {
 public:
  using Error::Error;
};

}  // namespace vnlink

#endif  // LIBLINK_ERROR_H_
