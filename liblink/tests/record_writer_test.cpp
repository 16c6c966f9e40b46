#include "liblink/record_writer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

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

// WriteRow() copies whole rows into the buffer 16 bytes at a time; Field() goes field by
// field. Both must give the same bytes and counts, for rows of every size, including rows
// larger than the output buffer and rows that straddle buffer flushes.
TEST_F(WriterTest, TsvWriteRowMatchesFieldByField) {
  std::mt19937 rng(11);
  const std::vector<std::string> pieces = {"a", "Nguyễn", "\t", "\n", "\r", " ", "0123456789"};
  std::vector<std::vector<std::string>> rows;
  for (int r = 0; r < 3000; ++r) {
    std::vector<std::string> row(rng() % 5);
    for (std::string& f : row) {
      std::size_t n = rng() % 12;
      for (std::size_t k = 0; k < n; ++k) f += pieces[rng() % pieces.size()];
    }
    if (r % 1000 == 7) row.push_back(std::string(1500000, 'L') + "\t");
    rows.push_back(row);
  }
  std::string by_row = dir_ + "/rows.tsv", by_field = dir_ + "/fields.tsv";
  std::uint64_t sanitized_by_row, sanitized_by_field;
  {
    OutputFile out(by_row);
    TsvWriter w(out, {"h"});
    for (const auto& row : rows) w.WriteRow(row);
    sanitized_by_row = w.sanitized_fields();
    out.Commit();
  }
  {
    OutputFile out(by_field);
    TsvWriter w(out, {"h"});
    for (const auto& row : rows) {
      for (const std::string& f : row) w.Field(f);
      w.EndRow();
    }
    sanitized_by_field = w.sanitized_fields();
    out.Commit();
  }
  std::string text = Slurp(by_row);
  EXPECT_EQ(text, Slurp(by_field));
  EXPECT_EQ(sanitized_by_row, sanitized_by_field);
  EXPECT_GT(sanitized_by_row, 1000u);
  std::size_t lines = 0, tabs = 0;
  for (char c : text) lines += c == '\n', tabs += c == '\t';
  EXPECT_EQ(lines, rows.size() + 1);
  std::size_t fields = 0;
  for (const auto& row : rows) fields += row.empty() ? 0 : row.size() - 1;
  EXPECT_EQ(tabs, fields);
  EXPECT_EQ(text.find('\r'), std::string::npos);
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
