#include "liblink/record_writer.h"

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
