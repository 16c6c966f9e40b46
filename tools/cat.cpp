// vnlink cat: CSV, TSV or JSON Lines in; TSV (or CSV) out, with columns selected, ordered
// and renamed. Several inputs are concatenated; each must have the selected columns.
#include <memory>
#include <optional>

#include "cli.h"
#include "commands.h"
#include "liblink/column_selection.h"
#include "liblink/error.h"
#include "liblink/record_reader.h"
#include "liblink/record_writer.h"

namespace vnlink::cli {
namespace {

struct CatOptions {
  std::string select;
  std::string rename;
  std::string output_format;
  std::string rejects;
};

// The selection for a later input: the first input's chosen columns, by name.
ColumnSelection SelectionFor(const RecordReader& reader, const std::vector<std::string>& names,
                             const std::string& rename, bool all_columns) {
  if (all_columns && reader.header().size() != names.size()) {
    throw DataError(reader.name(), 1,
                    "has " + std::to_string(reader.header().size()) +
                        " columns but the first input has " + std::to_string(names.size()) +
                        " (use --select to take common columns)");
  }
  std::string list;
  for (const std::string& n : names) {
    if (!reader.Find(n)) throw DataError(reader.name(), 1, "missing column '" + n + "'");
    list += (list.empty() ? "" : ",") + n;
  }
  return ColumnSelection::Make(reader.header(), list, rename);
}

}  // namespace

int RunCat(int argc, char** argv) {
  CommandLine cl("cat", "[options] [FILE...]",
                 "Read CSV, TSV or JSON Lines records and write them as TSV (or CSV), keeping,\n"
                 "ordering and renaming columns. Several FILEs are concatenated; without FILE,\n"
                 "or with '-', standard input is read.");
  CatOptions o;
  cl.options().add_options()("select,s", po::value(&o.select)->value_name("COLS"),
                             "keep these columns, in this order (comma-separated names)")(
      "rename,r", po::value(&o.rename)->value_name("OLD=NEW,..."), "rename output columns")(
      "output-format", po::value(&o.output_format)->value_name("FMT"),
      "tsv or csv (default: by the extension of --output, else tsv)")(
      "rejects", po::value(&o.rejects)->value_name("FILE"),
      "write malformed records (wrong field count, invalid UTF-8, bad quoting) to FILE "
      "with the reason, and go on; without it they stop the run");
  cl.Positional("FILE", -1);
  if (!cl.Parse(argc, argv)) return 0;

  const CommonOptions& common = cl.common();
  bool csv_out;
  if (o.output_format.empty()) {
    csv_out = FormatFromPath(common.output) == Format::kCsv;
  } else if (o.output_format == "csv" || o.output_format == "tsv") {
    csv_out = o.output_format == "csv";
  } else {
    throw UsageError("unknown output format '" + o.output_format + "' (tsv, csv)");
  }

  std::optional<OutputFile> reject_file;
  std::optional<RejectWriter> rejects;
  if (!o.rejects.empty()) {
    reject_file.emplace(o.rejects);
    rejects.emplace(*reject_file);
  }
  ReaderOptions reader_options = cl.reader_options();
  if (rejects) reader_options.rejects = &*rejects;

  OutputFile out(common.output);
  std::unique_ptr<TsvWriter> tsv;
  std::unique_ptr<CsvWriter> csv;
  std::vector<std::string> chosen;  // input names of the chosen columns, from the first input
  std::uint64_t read = 0, rejected = 0;
  Row row;
  std::vector<std::string_view> fields;
  for (const std::string& path : cl.InputsOrStdin()) {
    auto reader = RecordReader::Open(path, reader_options);
    ColumnSelection sel = chosen.empty()
                              ? ColumnSelection::Make(reader->header(), o.select, o.rename)
                              : SelectionFor(*reader, chosen, o.rename, o.select.empty());
    if (chosen.empty()) {
      for (std::size_t i : sel.indices()) chosen.push_back(reader->header()[i]);
      if (csv_out)
        csv = std::make_unique<CsvWriter>(out, sel.header());
      else
        tsv = std::make_unique<TsvWriter>(out, sel.header());
    }
    fields.resize(sel.indices().size());
    while (reader->Next(row)) {
      for (std::size_t k = 0; k < fields.size(); ++k) fields[k] = row[sel.indices()[k]];
      if (csv)
        csv->WriteRow(fields);
      else
        tsv->WriteRow(fields);
    }
    read += reader->records_read();
    rejected += reader->records_rejected();
  }
  out.Commit();
  if (reject_file) reject_file->Commit();

  if (tsv && tsv->sanitized_fields() > 0) {
    Warn("cat", std::to_string(tsv->sanitized_fields()) +
                    " fields held a tab or line break, written as a space");
  }
  if (rejected > 0) {
    Warn("cat", std::to_string(rejected) + " malformed records written to '" + o.rejects + "'");
  }
  if (!common.quiet && common.progress) {
    Note("cat", std::to_string(read) + " records written");
  }
  return 0;
}

}  // namespace vnlink::cli
