#include "liblink/record_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
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

// ---- buffer and lane boundaries -------------------------------------------------------

// Reads sizes that put record, field and character boundaries everywhere relative to the
// read buffer; 1 MB is the default.
const std::size_t kReadSizes[] = {1, 2, 3, 5, 16, 17, 31, 64, 4096, std::size_t{1} << 20};

ReaderOptions WithReadSize(std::size_t read_size) {
  ReaderOptions options;
  options.read_size = read_size;
  return options;
}

// A random table and its CSV text; also the line each record starts on.
struct RandomCsv {
  Table table;
  std::vector<std::uint64_t> lines;
  std::string text;
};

RandomCsv MakeRandomCsv(std::mt19937& rng, std::size_t rows, std::size_t columns) {
  const std::vector<std::string> pieces = {
      "a", "Nguyễn", " ", "Đ", "𝄞", ",", "\"", "\n", "\r\n", "\r", "x", "0123456789abcdefghij",
      ";"};
  RandomCsv csv;
  bool bom = rng() % 2 == 0;
  if (bom) csv.text = "\xEF\xBB\xBF";
  std::uint64_t line = 1;
  for (std::size_t r = 0; r <= rows; ++r) {
    std::vector<std::string> row;
    std::string record;
    for (std::size_t c = 0; c < columns; ++c) {
      std::string field;
      if (r == 0) {
        field = "c";
        field += std::to_string(c);
      } else {
        std::size_t n = rng() % 6 == 0 ? rng() % 40 : rng() % 5;
        for (std::size_t k = 0; k < n; ++k) field += pieces[rng() % pieces.size()];
      }
      bool must_quote = field.find_first_of(",\"\n\r") != std::string::npos;
      if (must_quote || rng() % 4 == 0) {
        record += '"';
        for (char ch : field) record += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        record += '"';
      } else {
        record += field;
      }
      if (c + 1 < columns) record += ',';
      row.push_back(field);
    }
    std::uint64_t first_line = line;
    for (char ch : record) line += ch == '\n';
    if (r < rows || rng() % 2 == 0) {
      record += rng() % 3 == 0 ? "\r\n" : "\n";
      ++line;
    }
    if (record.empty()) continue;  // one empty field, last, without a line end: no record
    if (r > 0) csv.lines.push_back(first_line);
    csv.table.push_back(row);
    csv.text += record;
  }
  return csv;
}

TEST(CsvReader, RandomTablesReadBackAtEveryReadSize) {
  std::mt19937 rng(20261125);
  for (int iter = 0; iter < 60; ++iter) {
    RandomCsv csv = MakeRandomCsv(rng, 1 + rng() % 30, 1 + rng() % 6);
    TempFile f(csv.text, ".csv");
    for (std::size_t read_size : kReadSizes) {
      auto reader = RecordReader::Open(f.path(), WithReadSize(read_size));
      Table t;
      t.emplace_back(reader->header().begin(), reader->header().end());
      Row row;
      std::vector<std::uint64_t> lines;
      while (reader->Next(row)) {
        t.emplace_back(row.fields.begin(), row.fields.end());
        lines.push_back(row.line);
      }
      ASSERT_EQ(t, csv.table) << "iteration " << iter << ", read size " << read_size;
      ASSERT_EQ(lines, csv.lines) << "iteration " << iter << ", read size " << read_size;
    }
  }
}

TEST(CsvReader, QuotedFieldAcrossManyBuffers) {
  std::string field;
  for (int k = 0; k < 40; ++k) field += "Hồ \"Chí\" Minh,\r\n" + std::to_string(k);
  std::string quoted;
  for (char ch : field) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  for (std::size_t read_size : kReadSizes) {
    Table t = ReadAll("a,b\n1,\"" + quoted + "\"\n2,\"\"\n", ".csv", WithReadSize(read_size));
    ASSERT_EQ(t.size(), 3u) << read_size;
    EXPECT_EQ(t[1][1], field) << read_size;
    EXPECT_EQ(t[2], (std::vector<std::string>{"2", ""})) << read_size;
  }
}

TEST(CsvReader, OneMegabyteFieldInSmallReads) {
  std::string big;
  while (big.size() < (1 << 20)) big += "Nguyễn \"\"x\"\", ";
  for (std::size_t read_size : {std::size_t{100}, std::size_t{4096}}) {
    Table t = ReadAll("a,b\n\"" + big + "\",1\n2,3", ".csv", WithReadSize(read_size));
    ASSERT_EQ(t.size(), 3u);
    std::string want;
    for (std::size_t k = 0; k < big.size(); ++k) {
      want += big[k];
      if (big[k] == '"') ++k;
    }
    EXPECT_EQ(t[1][0], want);
    EXPECT_EQ(t[2], (std::vector<std::string>{"2", "3"}));
  }
}

TEST(CsvReader, BomAndNoFinalNewlineInTinyReads) {
  for (std::size_t read_size : kReadSizes) {
    Table t = ReadAll("\xEF\xBB\xBFid,tên\r\n1,Lê\r\n2,\"x\"", ".csv", WithReadSize(read_size));
    ASSERT_EQ(t.size(), 3u) << read_size;
    EXPECT_EQ(t[0], (std::vector<std::string>{"id", "tên"}));
    EXPECT_EQ(t[1], (std::vector<std::string>{"1", "Lê"}));
    EXPECT_EQ(t[2], (std::vector<std::string>{"2", "x"}));
  }
}

std::string ErrorAtReadSize(const std::string& content, std::size_t read_size) {
  try {
    ReadAll(content, ".csv", WithReadSize(read_size));
  } catch (const DataError& e) {
    std::string what = e.what();
    return what.substr(what.rfind('/') + 1);
  }
  return "no error";
}

// The UTF-8 check runs ahead over the buffer; a bad byte it finds at any offset, also in a
// character cut by the end of a read, is still reported on its own line and column.
TEST(CsvReader, InvalidUtf8AtEveryOffsetNamesLineAndColumn) {
  const std::string good = "1,\"Phường Bến Nghé, Quận 1\",Hồ Chí Minh\n";
  for (std::size_t at = 0; at < 40; ++at) {
    std::string value = std::string(at, 'v') + "\xE1\xBBx";
    std::string text = "id,dia_chi,tinh\n" + good + good + "3,ok," + value + "\n" + good;
    std::string want = "input.csv:4: invalid UTF-8 (byte 0xE1 at byte " + std::to_string(at + 1) +
                       ") in column 'tinh'";
    // The same as the last record, without a line end, the bad byte last of all.
    std::string last = "id,dia_chi,tinh\n" + good + good + "3,ok," + std::string(at, 'v') + "\xE1";
    for (std::size_t read_size : kReadSizes) {
      EXPECT_EQ(ErrorAtReadSize(text, read_size), want) << at << " " << read_size;
      EXPECT_EQ(ErrorAtReadSize(last, read_size), want) << at << " " << read_size;
    }
  }
}

TEST(CsvReader, RejectedBadUtf8DoesNotHideTheRecordsAfterIt) {
  std::mt19937 rng(3);
  std::string text = "a,b\n";
  std::vector<std::string> want_good;
  std::size_t want_bad = 0;
  for (int r = 0; r < 400; ++r) {
    bool bad = rng() % 5 == 0;
    std::string value = std::string(rng() % 30, 'y') + (bad ? "\xC3(" : "ă") + "z";
    text += std::to_string(r) + "," + value + "\n";
    if (bad) {
      ++want_bad;
    } else {
      want_good.push_back(std::to_string(r));
    }
  }
  TempFile f(text, ".csv");
  char dir[] = "/tmp/vnlink-rej-XXXXXX";
  std::string d = mkdtemp(dir);
  for (std::size_t read_size : kReadSizes) {
    OutputFile out(d + "/rejects.tsv");
    RejectWriter rejects(out);
    ReaderOptions options = WithReadSize(read_size);
    options.rejects = &rejects;
    auto reader = RecordReader::Open(f.path(), options);
    Row row;
    std::vector<std::string> good;
    while (reader->Next(row)) good.emplace_back(row[0]);
    EXPECT_EQ(good, want_good) << read_size;
    EXPECT_EQ(rejects.count(), want_bad) << read_size;
  }
  rmdir(d.c_str());
}

TEST(TsvReader, SmallReadsAndInvalidUtf8) {
  for (std::size_t read_size : kReadSizes) {
    Table t = ReadAll("a\tb\r\nNguyễn\tVăn\n\tx", ".tsv", WithReadSize(read_size));
    ASSERT_EQ(t.size(), 3u) << read_size;
    EXPECT_EQ(t[1], (std::vector<std::string>{"Nguyễn", "Văn"}));
    EXPECT_EQ(t[2], (std::vector<std::string>{"", "x"}));
  }
  EXPECT_EQ(ErrorOf("a\tb\n1\tPhường Bến Nghé, Quận 1, TP. Hồ Chí Minh\n2\tx\xF5y\n", ".tsv"),
            "input.tsv:3: invalid UTF-8 (byte 0xF5 at byte 2) in column 'b'");
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
