#include "liblink/record_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "liblink/error.h"
#include "liblink/record_writer.h"

namespace vnlink {
namespace {

// Writes `content` to a fresh temporary file with the given extension; removed at exit.
class TempFile {
 public:
  TempFile(const std::string& content, const std::string& ext) {
    char dir[] = "/tmp/vnlink-test-XXXXXX";
    dir_ = mkdtemp(dir);
    path_ = dir_ + "/input" + ext;
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() {
    std::remove(path_.c_str());
    rmdir(dir_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
};

using Table = std::vector<std::vector<std::string>>;

Table ReadAll(const std::string& content, const std::string& ext, ReaderOptions options = {}) {
  TempFile f(content, ext);
  auto reader = RecordReader::Open(f.path(), options);
  Table t;
  t.emplace_back(reader->header().begin(), reader->header().end());
  Row row;
  while (reader->Next(row)) t.emplace_back(row.fields.begin(), row.fields.end());
  return t;
}

std::string ErrorOf(const std::string& content, const std::string& ext) {
  try {
    ReadAll(content, ext);
  } catch (const DataError& e) {
    std::string what = e.what();
    return what.substr(what.rfind('/') + 1);  // drop the temporary directory
  }
  return "no error";
}

TEST(CsvReader, QuotesNewlinesCrlfAndBom) {
  Table t = ReadAll("\xEF\xBB\xBFid,name\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n2,plain\r\n", ".csv");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0], (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(t[1], (std::vector<std::string>{"1", "a, \"b\"\r\nc"}));
  EXPECT_EQ(t[2], (std::vector<std::string>{"2", "plain"}));
}

TEST(CsvReader, NoFinalNewlineAndEmptyFields) {
  Table t = ReadAll("a,b,c\n,,\n1,,\"\"", ".csv");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1], (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(t[2], (std::vector<std::string>{"1", "", ""}));
}

TEST(CsvReader, HeaderOnlyAndEmptyFile) {
  EXPECT_EQ(ReadAll("a,b\n", ".csv").size(), 1u);
  EXPECT_EQ(ErrorOf("", ".csv"), "input.csv: empty input: no header line");
}

TEST(CsvReader, LineNumbersCountEmbeddedNewlines) {
  TempFile f("a,b\n1,\"x\ny\nz\"\n2,w\n", ".csv");
  auto reader = RecordReader::Open(f.path(), {});
  Row row;
  ASSERT_TRUE(reader->Next(row));
  EXPECT_EQ(row.line, 2u);
  ASSERT_TRUE(reader->Next(row));
  EXPECT_EQ(row.line, 5u);
}

TEST(CsvReader, InvalidUtf8NamesLineAndColumn) {
  EXPECT_EQ(ErrorOf("id,ho_ten\n1,ok\n2,Nguy\xE1n\n", ".csv"),
            "input.csv:3: invalid UTF-8 (byte 0xE1 at byte 5) in column 'ho_ten'");
}

TEST(CsvReader, MalformedQuotingAndRaggedRows) {
  EXPECT_EQ(ErrorOf("a,b\n1,\"x\"y\n", ".csv"),
            "input.csv:2: unexpected character 'y' after the closing quote of field 2");
  EXPECT_EQ(ErrorOf("a,b\n1,\"open\n2,3\n", ".csv"),
            "input.csv:2: unterminated quoted field (the quote opened here is never closed)");
  EXPECT_EQ(ErrorOf("a,b\n1,2\n3\n", ".csv"), "input.csv:3: expected 2 fields, found 1");
}

TEST(CsvReader, BadHeaders) {
  EXPECT_EQ(ErrorOf("a,,c\n", ".csv"), "input.csv:1: empty column name in the header (column 2)");
  EXPECT_EQ(ErrorOf("a,b,a\n", ".csv"),
            "input.csv:1: duplicate column name 'a' in the header (columns 1 and 3)");
}

TEST(CsvReader, RejectsGoToTheRejectFileAndReadingGoesOn) {
  char dir[] = "/tmp/vnlink-rej-XXXXXX";
  std::string d = mkdtemp(dir);
  TempFile f("a,b\n1,2\n3\n4,\"x\"y\n5,\xFF\n6,7\n", ".csv");
  {
    OutputFile out(d + "/rejects.tsv");
    RejectWriter rejects(out);
    ReaderOptions options;
    options.rejects = &rejects;
    auto reader = RecordReader::Open(f.path(), options);
    Row row;
    std::vector<std::string> firsts;
    while (reader->Next(row)) firsts.emplace_back(row[0]);
    EXPECT_EQ(firsts, (std::vector<std::string>{"1", "6"}));
    EXPECT_EQ(reader->records_rejected(), 3u);
    EXPECT_EQ(rejects.count(), 3u);
    out.Commit();
  }
  std::ifstream in(d + "/rejects.tsv");
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line.substr(line.find('\t') + 1));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1], "3\texpected 2 fields, found 1\t3");
  EXPECT_EQ(lines[2], "4\tunexpected character 'y' after the closing quote of field 2\t4,\"x\"y");
  std::remove((d + "/rejects.tsv").c_str());
  rmdir(d.c_str());
}

TEST(CsvReader, OneMegabyteField) {
  std::string big(1 << 20, 'x');
  big[12345] = '\n';
  Table t = ReadAll("a,b\n\"" + big + "\",1\n2,3\n", ".csv");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1][0], big);
  EXPECT_EQ(t[2][1], "3");
}

TEST(CsvReader, SemicolonDelimiter) {
  ReaderOptions options;
  options.delimiter = ';';
  Table t = ReadAll("a;b\n1,5;\"x;y\"\n", ".csv", options);
  EXPECT_EQ(t[1], (std::vector<std::string>{"1,5", "x;y"}));
}

TEST(TsvReader, SplitsOnTabsAndDropsCr) {
  Table t = ReadAll("a\tb\r\n1\t\"q\"\r\n\t\n", ".tsv");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1], (std::vector<std::string>{"1", "\"q\""}));
  EXPECT_EQ(t[2], (std::vector<std::string>{"", ""}));
  EXPECT_EQ(ErrorOf("a\tb\n1\n", ".tsv"), "input.tsv:2: expected 2 fields, found 1");
}

TEST(JsonlReader, KeysOfTheFirstObjectAreTheHeader) {
  Table t =
      ReadAll("{\"id\":1,\"name\":\"Lê\",\"ok\":true}\n\n{\"name\":null,\"id\":\"2\"}\n", ".jsonl");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0], (std::vector<std::string>{"id", "name", "ok"}));
  EXPECT_EQ(t[1], (std::vector<std::string>{"1", "Lê", "true"}));
  EXPECT_EQ(t[2], (std::vector<std::string>{"2", "", ""}));
  EXPECT_EQ(ErrorOf("{\"a\":1}\n{\"b\":2}\n", ".jsonl"),
            "input.jsonl:2: unexpected key 'b' (not in the first object, which sets the columns)");
  EXPECT_EQ(ErrorOf("{\"a\":1}\n[1]\n", ".jsonl"),
            "input.jsonl:2: expected a JSON object, found array");
}

TEST(Format, SniffsWithoutExtension) {
  EXPECT_EQ(ReadAll("a\tb\n1\t2\n", ".dat")[1], (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(ReadAll("{\"a\":\"x\"}\n", ".dat")[1], (std::vector<std::string>{"x"}));
  EXPECT_EQ(ReadAll("a,b\n1,2\n", ".dat")[1], (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(FormatFromPath("X.CSV"), Format::kCsv);
  EXPECT_EQ(ParseFormat("ndjson"), Format::kJsonl);
  EXPECT_FALSE(ParseFormat("xml"));
}

}  // namespace
}  // namespace vnlink
