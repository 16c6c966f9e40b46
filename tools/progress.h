// File: tools/progress.h
//
// Progress of a stage on standard error: a bar with rate and ETA redrawn in place when
// standard error is a terminal, otherwise a plain line every few seconds; nothing when
// disabled (--quiet, --no-progress). Thread-safe: workers call Add() concurrently.
//
//   cli::Progress p("dedupe", "match", total_blocks, enabled);
//   ... p.Add(1) from any thread ...
//   p.Done();   // final line: "vnlink dedupe: match: 1,234 blocks in 3.2 s"

#ifndef VNLINK_TOOLS_PROGRESS_H_
#define VNLINK_TOOLS_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace vnlink::cli {

class Progress {
 public:
  // `total` 0 means unknown (no bar, no ETA). `unit` names what is counted ("records").
  Progress(std::string command, std::string stage, std::uint64_t total, std::string unit,
           bool enabled);
  ~Progress();

  void Add(std::uint64_t n) {
    if (!enabled_) return;
    std::uint64_t now = done_.fetch_add(n, std::memory_order_relaxed) + n;
    if ((now & 0x3FF) < n || now == total_) Tick(now);
  }
  // Writes the final line (when enabled) and returns the seconds since construction.
  double Done();
  double Seconds() const;

 private:
  void Tick(std::uint64_t now);
  void Draw(std::uint64_t now, bool final);

  std::string command_, stage_, unit_;
  std::uint64_t total_;
  bool enabled_;
  bool tty_;
  bool finished_ = false;
  std::atomic<std::uint64_t> done_{0};
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::mutex mu_;
};

// "1,234,567": thousands separated for people.
std::string WithCommas(std::uint64_t n);

}  // namespace vnlink::cli

#endif  // VNLINK_TOOLS_PROGRESS_H_
