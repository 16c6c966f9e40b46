#include "liblink/record_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "liblink/byte_scan.h"
#include "liblink/error.h"
#include "liblink/utf8.h"

namespace vnlink {
namespace {

std::string DisplayPath(const std::string& path) {
  return path == "-" ? std::string("standard output") : "'" + path + "'";
}

mode_t CurrentUmask() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

}  // namespace

OutputFile::OutputFile(std::string path) : path_(std::move(path)) {
  buffer_ = std::make_unique<char[]>(kBufferSize);
  if (path_ == "-") {
    fd_ = STDOUT_FILENO;
    return;
  }
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    // A device, FIFO or socket (/dev/null, a named pipe): write to it in place. Renaming a
    // temporary file over it would replace the device with a file (as root, /dev/null).
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) throw IoError("cannot write '" + path_ + "'", errno);
    in_place_ = true;
    return;
  }
  std::size_t slash = path_.rfind('/');
  std::string dir = slash == std::string::npos ? std::string() : path_.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  if (base.empty()) throw IoError("cannot write '" + path_ + "'", EISDIR);
  temp_path_ = dir + "." + base + ".tmp.XXXXXX";
  fd_ = ::mkostemp(temp_path_.data(), O_CLOEXEC);
  if (fd_ < 0) throw IoError("cannot create '" + path_ + "'", errno);
  ::fchmod(fd_, 0666 & ~CurrentUmask());
}

OutputFile::~OutputFile() {
  // Not committed: an error is on its way. Remove the temporary file; for standard output,
  // drop what is still buffered rather than add to a partial result.
  if (fd_ >= 0 && !temp_path_.empty()) {
    ::close(fd_);
    ::unlink(temp_path_.c_str());
  }
  if (fd_ >= 0 && in_place_) ::close(fd_);
}

void OutputFile::WriteAll(const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) throw BrokenPipe();
      throw IoError("error writing " + DisplayPath(path_), errno);
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void OutputFile::Flush() {
  if (used_ == 0) return;
  std::size_t n = used_;
  used_ = 0;  // a failed write must not be retried by a later Flush
  WriteAll(buffer_.get(), n);
}

void OutputFile::Drain(std::string_view more) {
  Flush();
  if (more.size() >= kBufferSize) {
    WriteAll(more.data(), more.size());
  } else {
    std::memcpy(buffer_.get(), more.data(), more.size());
    used_ = more.size();
  }
}

void OutputFile::Commit() {
  if (committed_) return;
  Flush();
  committed_ = true;
  if (in_place_) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throw IoError("error writing " + DisplayPath(path_), errno);
    return;
  }
  if (temp_path_.empty()) return;
  int fd = fd_;
  fd_ = -1;
  if (::fsync(fd) != 0 && errno != EINVAL) {
    int e = errno;
    ::close(fd);
    ::unlink(temp_path_.c_str());
    throw IoError("error writing " + DisplayPath(path_), e);
  }
  if (::close(fd) != 0) {
    int e = errno;
    ::unlink(temp_path_.c_str());
    throw IoError("error writing " + DisplayPath(path_), e);
  }
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    int e = errno;
    ::unlink(temp_path_.c_str());
    throw IoError("cannot move output into place at '" + path_ + "'", e);
  }
}

// ---- TSV -------------------------------------------------------------------------------

TsvWriter::TsvWriter(OutputFile& out, const std::vector<std::string>& header) : out_(out) {
  for (const std::string& h : header) Field(h);
  EndRow();
  rows_ = 0;
}

namespace {

// The offset of the first TAB, LF or CR in `s`, or s.size().
std::size_t FindBreak(std::string_view s) { return FindAnyOf3(s, '\t', '\n', '\r'); }

}  // namespace

void TsvWriter::Field(std::string_view value) {
  if (!first_in_row_) out_.Put('\t');
  first_in_row_ = false;
  std::size_t at = FindBreak(value);
  if (at == value.size()) {
    out_.Write(value);
    return;
  }
  ++sanitized_;
  while (at < value.size()) {
    out_.Write(value.substr(0, at));
    out_.Put(' ');
    value.remove_prefix(at + 1);
    at = FindBreak(value);
  }
  out_.Write(value);
}

void TsvWriter::EndRow() {
  out_.Put('\n');
  first_in_row_ = true;
  ++rows_;
}

// A whole row goes into the output buffer in one piece: the fields are copied 16 bytes at a
// time and checked for TAB/CR/LF on the way.
template <typename Fields>
void TsvWriter::Row(const Fields& fields) {
  if (!first_in_row_) {  // a row begun with Field(): finish it the slow way
    for (std::string_view f : fields) Field(f);
    EndRow();
    return;
  }
  std::size_t size = fields.size() + kCopySlack;
  for (std::string_view f : fields) size += f.size();
  char* dst = out_.Reserve(size);
  if (dst == nullptr) {  // larger than the buffer
    for (std::string_view f : fields) Field(f);
    EndRow();
    return;
  }
  char* p = dst;
  for (std::string_view f : fields) {
    if (CopyForTsv(p, f)) ++sanitized_;
    p += f.size();
    *p++ = '\t';
  }
  if (p == dst) {
    *p++ = '\n';
  } else {
    p[-1] = '\n';
  }
  out_.Advance(static_cast<std::size_t>(p - dst));
  ++rows_;
}

void TsvWriter::WriteRow(std::span<const std::string_view> fields) { Row(fields); }

void TsvWriter::WriteRow(std::span<const std::string> fields) { Row(fields); }

// ---- CSV -------------------------------------------------------------------------------

CsvWriter::CsvWriter(OutputFile& out, const std::vector<std::string>& header, char delimiter)
    : out_(out), delimiter_(delimiter) {
  for (const std::string& h : header) Field(h);
  EndRow();
  rows_ = 0;
}

void CsvWriter::Field(std::string_view value) {
  if (!first_in_row_) out_.Put(delimiter_);
  first_in_row_ = false;
  bool quote = false;
  for (char c : value) {
    if (c == delimiter_ || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out_.Write(value);
    return;
  }
  out_.Put('"');
  std::size_t start = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '"') {
      out_.Write(value.substr(start, i + 1 - start));
      out_.Put('"');
      start = i + 1;
    }
  }
  out_.Write(value.substr(start));
  out_.Put('"');
}

void CsvWriter::EndRow() {
  out_.Put('\n');
  first_in_row_ = true;
  ++rows_;
}

void CsvWriter::WriteRow(std::span<const std::string_view> fields) {
  for (std::string_view f : fields) Field(f);
  EndRow();
}

// ---- rejects ---------------------------------------------------------------------------

RejectWriter::RejectWriter(OutputFile& out) : out_(out) {
  out_.Write("source\tline\treason\trecord\n");
}

void RejectWriter::Reject(std::string_view source, std::uint64_t line, std::string_view reason,
                          std::string_view raw_record) {
  auto escaped = [this](std::string_view s) {
    for (char c : s) {
      switch (c) {
        case '\t':
          out_.Write("\\t");
          break;
        case '\n':
          out_.Write("\\n");
          break;
        case '\r':
          out_.Write("\\r");
          break;
        case '\\':
          out_.Write("\\\\");
          break;
        default:
          out_.Put(c);
      }
    }
  };
  escaped(source);
  out_.Put('\t');
  out_.Write(std::to_string(line));
  out_.Put('\t');
  escaped(reason);
  out_.Put('\t');
  // The record as read, without its line end.
  while (!raw_record.empty() && (raw_record.back() == '\n' || raw_record.back() == '\r')) {
    raw_record.remove_suffix(1);
  }
  // Bytes that are not UTF-8 are written as \xHH so the reject file stays valid UTF-8.
  while (!raw_record.empty()) {
    std::size_t bad = FindInvalidUtf8(raw_record);
    escaped(raw_record.substr(0, bad));
    if (bad == std::string_view::npos) break;
    char hex[8];
    std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(raw_record[bad]));
    out_.Write(hex);
    raw_record.remove_prefix(bad + 1);
  }
  out_.Put('\n');
  ++count_;
}

}  // namespace vnlink
