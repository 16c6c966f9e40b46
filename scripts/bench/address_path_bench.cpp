// Micro-benchmark of the address path of `vnlink normalize` (built and run by
// scripts/bench/address_path.sh): RecordNormalizer over (id, address) rows minus the same
// over (id) rows, i.e. repair + memo + parse of the address per record, and the parse
// alone, uncached (Gazetteer::Parse) and through an AddressParser. One address per line
// on stdin; CPU time, single-threaded.

#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "normalizers/normalize_record.h"
#include "normalizers/text_repair.h"
#include "normalizers/vi_address.h"

namespace {

using vnlink::vi::AddressParser;
using vnlink::vi::ColumnMapping;
using vnlink::vi::Gazetteer;
using vnlink::vi::RecordNormalizer;
using vnlink::vi::Role;

// CPU time of this process: the machine is shared, wall time would count other jobs.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Seconds to normalize every address as a row (with the address column or without).
double Rows(const std::vector<std::string>& addrs, bool with_address, std::size_t& sink) {
  ColumnMapping m;
  m[Role::kUniqueId] = 0;
  if (with_address) m[Role::kAddress] = 1;
  RecordNormalizer norm(m, "", 2026);
  std::vector<std::string_view> fields = {"R1", ""};
  double t0 = CpuSeconds();
  for (const std::string& a : addrs) {
    fields[1] = a;
    sink += norm.Normalize(fields).Get(vnlink::vi::kColCommuneCode).size();
  }
  return CpuSeconds() - t0;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = argc > 1 ? std::stoi(argv[1]) : 3;
  std::vector<std::string> addrs;
  for (std::string line; std::getline(std::cin, line);) addrs.push_back(line);
  if (addrs.empty()) return 1;
  const Gazetteer& g = Gazetteer::Shared();
  (void)vnlink::vi::RepairText("Nguyễn");  // tables built outside the timings
  const double n = static_cast<double>(addrs.size());
  std::size_t sink = 0;
  double path = 1e300, parse = 1e300, cached = 1e300;
  for (int r = 0; r < reps; ++r) {  // the minimum of `reps` runs: least disturbed by load
    path = std::min(path, Rows(addrs, true, sink) - Rows(addrs, false, sink));
    double t0 = CpuSeconds();
    for (const std::string& a : addrs) sink += g.Parse(a).commune_code.size();
    parse = std::min(parse, CpuSeconds() - t0);
    AddressParser parser(g);
    t0 = CpuSeconds();
    for (const std::string& a : addrs) sink += parser.Parse(a).commune_code.size();
    cached = std::min(cached, CpuSeconds() - t0);
  }
  std::printf("%zu addresses, best of %d runs (CPU time)\n", addrs.size(), reps);
  std::printf("address path per record (repair + memo + parse)  %7.3f us\n", path * 1e6 / n);
  std::printf("Gazetteer::Parse per call (raw text, no memo)    %7.3f us\n", parse * 1e6 / n);
  std::printf("AddressParser::Parse per call (raw text)         %7.3f us\n", cached * 1e6 / n);
  std::printf("(check %zu)\n", sink);
  return 0;
}
