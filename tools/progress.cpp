#include "progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace vnlink::cli {

std::string WithCommas(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

Progress::Progress(std::string command, std::string stage, std::uint64_t total, std::string unit,
                   bool enabled)
    : command_(std::move(command)),
      stage_(std::move(stage)),
      unit_(std::move(unit)),
      total_(total),
      enabled_(enabled),
      tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() {
  if (enabled_ && !finished_ && tty_) std::cerr << "\n";
}

double Progress::Seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::Tick(std::uint64_t now) {
  std::unique_lock lock(mu_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  auto t = std::chrono::steady_clock::now();
  // Redraw a bar ten times a second; write a plain line every five seconds.
  auto every = tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (t - last_draw_ < every) return;
  last_draw_ = t;
  Draw(now, false);
}

void Progress::Draw(std::uint64_t now, bool final) {
  double secs = Seconds();
  double rate = secs > 0 ? now / secs : 0;
  char line[256];
  // Appends rather than operator+ chains: GCC 12 warns falsely (-Wrestrict) on the latter.
  std::string head = "vnlink ";
  head.append(command_).append(": ").append(stage_).append(": ");
  if (final) {
    std::snprintf(line, sizeof line, "%s%s %s in %.1f s (%s/s)", head.c_str(),
                  WithCommas(now).c_str(), unit_.c_str(), secs,
                  WithCommas(static_cast<std::uint64_t>(rate)).c_str());
  } else if (total_ > 0) {
    double frac = std::min(1.0, static_cast<double>(now) / total_);
    int filled = static_cast<int>(frac * 30);
    std::string bar(1, '[');
    bar.append(filled, '#').append(30 - filled, '.').push_back(']');
    double eta = rate > 0 ? (total_ - std::min(now, total_)) / rate : 0;
    std::snprintf(line, sizeof line, "%s%s %3.0f%% %s/%s %s, %s/s, ETA %.0f s", head.c_str(),
                  tty_ ? bar.c_str() : "", frac * 100, WithCommas(now).c_str(),
                  WithCommas(total_).c_str(), unit_.c_str(),
                  WithCommas(static_cast<std::uint64_t>(rate)).c_str(), eta);
  } else {
    std::snprintf(line, sizeof line, "%s%s %s, %s/s", head.c_str(), WithCommas(now).c_str(),
                  unit_.c_str(), WithCommas(static_cast<std::uint64_t>(rate)).c_str());
  }
  if (tty_) {
    std::cerr << "\r\033[K" << line << (final ? "\n" : "") << std::flush;
  } else {
    std::cerr << line << "\n" << std::flush;
  }
}

double Progress::Done() {
  std::lock_guard lock(mu_);
  double secs = Seconds();
  if (enabled_ && !finished_) Draw(done_.load(), true);
  finished_ = true;
  return secs;
}

}  // namespace vnlink::cli
