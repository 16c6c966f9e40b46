// vnlink explain: why two records got the match weight they got, as a text waterfall (the
// prior, each comparison's level, values, Bayes factor and weight, TF adjustments, the
// running total, the final weight, probability and decision).
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "liblink/comparison.h"
#include "liblink/error.h"
#include "liblink/record_reader.h"
#include "liblink/record_table.h"
#include "liblink/record_writer.h"
#include "liblink/waterfall.h"
#include "scoring_common.h"

namespace vnlink::cli {

int RunExplain(int argc, char** argv) {
  CommandLine cl("explain", "-m MODEL --records RECORDS [options] ID1 ID2",
                 "Explain the match weight of the records ID1 and ID2 (values of the model's\n"
                 "unique id column) step by step: the prior, then for each comparison the level\n"
                 "reached, the two values side by side, the Bayes factor and the weight, the\n"
                 "term-frequency adjustments and the running total; then the final match weight,\n"
                 "probability and the decision the model's thresholds give.");
  std::string model_path, records_path;
  cl.options().add_options()("model,m", po::value(&model_path)->value_name("FILE")->required(),
                             "the trained model (man vnlink-model.5)")(
      "records,r", po::value(&records_path)->value_name("FILE")->required(),
      "the canonical records holding ID1 and ID2");
  cl.Positional("ID", 2);
  if (!cl.Parse(argc, argv)) return 0;
  if (cl.inputs().size() != 2) {
    throw UsageError("expected two record ids, got " + std::to_string(cl.inputs().size()));
  }
  const std::string& id1 = cl.inputs()[0];
  const std::string& id2 = cl.inputs()[1];
  if (id1 == id2) throw UsageError("the two record ids are the same: '" + id1 + "'");

  const Settings model = ReadSettingsFile(model_path);
  if (!model.IsTrained()) {
    throw DataError(model_path, 0, "the model is not trained: missing " + model.MissingParameter());
  }

  // Only the two records are kept: the engine's TF frequencies come from the model.
  auto reader = RecordReader::Open(records_path, cl.reader_options());
  const std::size_t id_col = reader->Require(model.unique_id_column);
  RecordTable table(reader->header());
  std::size_t row1 = SIZE_MAX, row2 = SIZE_MAX;
  Row row;
  while (reader->Next(row) && (row1 == SIZE_MAX || row2 == SIZE_MAX)) {
    std::string_view id = row[id_col];
    std::size_t* slot = id == id1 ? &row1 : id == id2 ? &row2 : nullptr;
    if (slot == nullptr || *slot != SIZE_MAX) continue;
    *slot = table.size();
    table.Add(row.fields, row.line);
  }
  for (const auto& [row_index, id] : {std::pair{row1, id1}, std::pair{row2, id2}}) {
    if (row_index == SIZE_MAX) {
      throw DataError(records_path, 0,
                      "no record with " + model.unique_id_column + " '" + id + "'");
    }
  }

  const ComparisonEngine engine(model, table, records_path);
  const Waterfall waterfall = ExplainPair(engine, row1, row2, model.unique_id_column);
  OutputFile out(cl.common().output);
  out.Write(FormatWaterfall(waterfall));
  out.Commit();
  return 0;
}

}  // namespace vnlink::cli
