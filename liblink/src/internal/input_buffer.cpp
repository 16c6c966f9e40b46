#include "internal/input_buffer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "liblink/error.h"

namespace vnlink::internal {
InputBuffer::InputBuffer(const std::string& path, std::size_t read_size)
    : path_(path), buf_(std::max<std::size_t>(read_size, 1)), read_size_(buf_.size()) {
  if (path == "-") {
    fd_ = STDIN_FILENO;
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw IoError("cannot open '" + path + "'", errno);
    owns_fd_ = true;
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
}

InputBuffer::~InputBuffer() {
  if (owns_fd_) ::close(fd_);
}

bool InputBuffer::Fill() {
  if (eof_) return false;
  ++generation_;
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
  // Ask for at least as much as is pending, so that a record far larger than read_size_
  // (parsed again from its start after each Fill) costs linear time, not quadratic.
  std::size_t want = std::min(buf_.size() - end_, std::max(read_size_, end_));
  for (;;) {
    ssize_t n = ::read(fd_, buf_.data() + end_, want);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno == EINTR) continue;
    if (errno == EISDIR) throw IoError("cannot read '" + path_ + "'", errno);
    throw IoError("error reading '" + (path_ == "-" ? std::string("standard input") : path_) + "'",
                  errno);
  }
}

}  // namespace vnlink::internal
