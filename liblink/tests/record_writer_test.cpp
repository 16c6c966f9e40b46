#include "liblink/record_writer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "liblink/error.h"
#include "liblink/record_reader.h"

namespace vnlink {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char d[] = "/tmp/vnlink-writer-XXXXXX";
    dir_ = mkdtemp(d);
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }
  std::string dir_;
};

TEST_F(WriterTest, TsvWriterKeepsTheStreamContract) {
  std::string path = dir_ + "/out.tsv";
  {
    OutputFile out(path);
    TsvWriter w(out, {"a", "b"});
    w.WriteRow(std::vector<std::string>{"x\ty", "line\r\nbreak"});
    w.Field("");
    w.Field("é");
    w.EndRow();
    EXPECT_EQ(w.sanitized_fields(), 2u);
    EXPECT_EQ(w.rows_written(), 2u);
    out.Commit();
  }
  EXPECT_EQ(Slurp(path), "a\tb\nx y\tline  break\n\té\n");
}

TEST_F(WriterTest, FileAppearsOnlyOnCommit) {
  std::string path = dir_ + "/out.tsv";
  {
    OutputFile out(path);
    out.Write("partial");
    out.Flush();
    struct stat st;
    EXPECT_NE(stat(path.c_str(), &st), 0) << "visible before commit";
  }
  struct stat st;
  EXPECT_NE(stat(path.c_str(), &st), 0) << "an uncommitted file must not appear";
  EXPECT_EQ(std::system(("test -z \"$(ls -A '" + dir_ + "')\"").c_str()), 0)
      << "the temporary file must be removed";
}

// A FIFO (like /dev/null, a device) must be written in place: renaming a temporary file
// over it would replace it with a regular file.
TEST_F(WriterTest, FifoIsWrittenInPlaceNotReplaced) {
  std::string path = dir_ + "/pipe";
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
  // Held open read-write (Linux): the writer never blocks and the bytes wait in the pipe.
  const int fd = open(path.c_str(), O_RDWR | O_NONBLOCK);
  ASSERT_GE(fd, 0);
  {
    OutputFile out(path);
    TsvWriter w(out, {"a"});
    w.WriteRow(std::vector<std::string>{"x"});
    out.Commit();
  }
  char buf[64];
  const ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  EXPECT_EQ(std::string(buf, n > 0 ? n : 0), "a\nx\n");
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode)) << "the FIFO was replaced";
  EXPECT_EQ(std::system(("test \"$(ls -A '" + dir_ + "')\" = pipe").c_str()), 0)
      << "no temporary file may be left";
}

TEST_F(WriterTest, DevNullStaysADevice) {
  {
    OutputFile out("/dev/null");
    out.Write("discarded");
    out.Commit();
  }
  struct stat st;
  ASSERT_EQ(stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST_F(WriterTest, UnwritableDirectoryIsAnIoError) {
  EXPECT_THROW(OutputFile(dir_ + "/no/such/dir/out.tsv"), IoError);
}

TEST_F(WriterTest, CsvRoundTripsNastyFields) {
  std::vector<std::vector<std::string>> rows = {
      {"plain", "with,comma", "with \"quotes\""},
      {"multi\nline", "crlf\r\nend", ""},
      {"trailing space ", "\"", "Nguyễn Thị Ánh"},
  };
  std::string path = dir_ + "/out.csv";
  {
    OutputFile out(path);
    CsvWriter w(out, {"a", "b", "c"});
    for (const auto& r : rows) {
      std::vector<std::string_view> v(r.begin(), r.end());
      w.WriteRow(v);
    }
    out.Commit();
  }
  auto reader = RecordReader::Open(path, {});
  Row row;
  for (const auto& expected : rows) {
    ASSERT_TRUE(reader->Next(row));
    EXPECT_EQ(std::vector<std::string>(row.fields.begin(), row.fields.end()), expected);
  }
  EXPECT_FALSE(reader->Next(row));
}

TEST_F(WriterTest, RejectWriterEscapesSoNothingIsLost) {
  std::string path = dir_ + "/rej.tsv";
  {
    OutputFile out(path);
    RejectWriter r(out);
    r.Reject("in.csv", 7, "bad", "a\tb\\c\r\nd\n");
    EXPECT_EQ(r.count(), 1u);
    out.Commit();
  }
  EXPECT_EQ(Slurp(path), "source\tline\treason\trecord\nin.csv\t7\tbad\ta\\tb\\\\c\\r\\nd\n");
}

}  // namespace
}  // namespace vnlink
