// Internal-only: a growable read buffer over a file descriptor, shared by the readers.
#ifndef LIBLINK_INTERNAL_INPUT_BUFFER_H_
#define LIBLINK_INTERNAL_INPUT_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vnlink::internal {

// Holds unread bytes in data()[begin() .. end()). Fill() keeps the unread bytes, moving
// them to the front, and reads more (at most read_size bytes per read()), doubling the
// buffer when it is full (so one record can be as large as memory allows).
class InputBuffer {
 public:
  // Opens `path` ("-" = standard input). Throws IoError.
  InputBuffer(const std::string& path, std::size_t read_size);
  ~InputBuffer();
  InputBuffer(const InputBuffer&) = delete;
  InputBuffer& operator=(const InputBuffer&) = delete;

  // Reads more bytes; false when nothing more could be read (end of input).
  bool Fill();
  bool eof() const { return eof_; }

  const char* data() const { return buf_.data(); }
  std::size_t begin() const { return begin_; }
  std::size_t end() const { return end_; }
  void Consume(std::size_t new_begin) { begin_ = new_begin; }
  // Changes with every Fill(): pointers into data() taken before are stale.
  std::uint64_t generation() const { return generation_; }

 private:
  std::string path_;
  int fd_ = -1;
  bool owns_fd_ = false;
  bool eof_ = false;
  std::vector<char> buf_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t read_size_;
  std::uint64_t generation_ = 0;
};

}  // namespace vnlink::internal

#endif  // LIBLINK_INTERNAL_INPUT_BUFFER_H_
