// Micro-benchmark of the field normalizers (built and run by scripts/bench/fields.sh).
// Reads one address per line on stdin, makes realistic date/phone/id/sex inputs, and
// prints the cost per call of each function, single-threaded.

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "normalizers/date.h"
#include "normalizers/phone.h"
#include "normalizers/sex.h"
#include "normalizers/vi_address.h"
#include "normalizers/vn_id.h"

namespace {

// CPU time of this process: the machine is shared, wall time would count other jobs.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

template <typename F>
void Time(const char* name, std::size_t n, F&& f) {
  std::size_t sink = f(0);  // warm-up: lazily built tables
  double t0 = CpuSeconds();
  for (std::size_t i = 0; i < n; ++i) sink += f(i);
  double s = CpuSeconds() - t0;
  std::printf("%-22s %9zu calls %8.3f us/call %12.0f calls/s (check %zu)\n", name, n, s * 1e6 / n,
              n / s, sink);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t reps = argc > 1 ? std::stoul(argv[1]) : 20;
  std::vector<std::string> addrs;
  for (std::string line; std::getline(std::cin, line);) {
    if (!line.empty()) addrs.push_back(line);
  }
  if (addrs.empty()) return 1;
  const std::vector<std::string> dates = {
      "15/08/1985",          "5/3/1990", "1948",      "19850815", "ngày 9 tháng 1 năm 2021",
      "1990-03-05 00:00:00", "03/1990",  "31/02/1990"};
  const std::vector<std::string> phones = {"0912 345 678",  "+84 912345678",
                                           "0168.912.3456", "(024) 3826 4567",
                                           "912345678",     "0912345678 / 0987654321"};
  const std::vector<std::string> ids = {"087084000999", "079 195 001 234", "023456789",
                                        "79195001234"};
  const std::vector<std::string> cards = {"HS4010120878811", "dn 4 79 7912345678", "0120878811"};
  const std::vector<std::string> sexes = {"Nam", "Nữ", "1", "2", "F", "male"};
  auto t0 = std::chrono::steady_clock::now();
  const auto& g = vnlink::vi::Gazetteer::Shared();
  std::printf(
      "%-22s %8.1f ms\n", "gazetteer build",
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  std::size_t n = addrs.size() * reps;
  vnlink::vi::DateOptions opt{.reference_year = 2026};
  Time("ParseDate", n, [&](std::size_t i) {
    return vnlink::vi::ParseDate(dates[i % dates.size()], opt).iso.size();
  });
  Time("NormalizeSex", n,
       [&](std::size_t i) { return vnlink::vi::NormalizeSex(sexes[i % sexes.size()]).sex.size(); });
  Time("NormalizePhone", n, [&](std::size_t i) {
    return vnlink::vi::NormalizePhone(phones[i % phones.size()]).number.size();
  });
  Time("NormalizeNationalId", n, [&](std::size_t i) {
    return vnlink::vi::NormalizeNationalId(ids[i % ids.size()], {.sex = "M", .birth_year = 1984})
        .cccd.size();
  });
  Time("NormalizeBhyt", n, [&](std::size_t i) {
    return vnlink::vi::NormalizeBhyt(cards[i % cards.size()]).bhxh.size();
  });
  Time("Gazetteer::Parse", n,
       [&](std::size_t i) { return g.Parse(addrs[i % addrs.size()]).commune_code.size(); });
  return 0;
}
