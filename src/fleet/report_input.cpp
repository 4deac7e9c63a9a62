// SPDX-License-Identifier: Apache-2.0
#include "fleet/read_ahead.hpp"

#include <algorithm>
#include <system_error>

#include "fleet/ingest.hpp"
#include "fleet/report_reader.hpp"
#include "util/sha256.hpp"

namespace dockcis::fleet {
namespace {

// Reports read ahead of the one being stored: bounds memory to a few reports per worker.
constexpr std::size_t kWindow = 8;

}  // namespace

ReadReport read_one_report(const std::string& file) {
  ReadReport report{file == "-" ? "standard input" : file, std::unexpected(std::string()), {}};
  try {
    const auto text = read_report_file(file);
    if (!text) {
      report.run = std::unexpected(text.error());
      return report;
    }
    report.digest = "sha256:" + util::sha256_hex(*text);
    auto run = read_report(*text);
    if (run) report.run = std::move(*run);
    else report.run = std::unexpected(report.name + (run.error().pointer.empty() ? "" : ":" + run.error().pointer) + ": " + run.error().message);
  } catch (const std::exception& error) {
    report.run = std::unexpected(report.name + ": cannot be read: " + error.what());
  }
  return report;
}

ReadAhead::ReadAhead(std::vector<std::string> files, unsigned workers) : files_(std::move(files)), slots_(files_.size()) {
  const unsigned count = std::clamp(workers, 1u, 8u);
  try {
    for (unsigned i = 0; i < count && i < files_.size(); ++i) threads_.emplace_back([this] { work(); });
  } catch (const std::system_error&) {
    // No more threads to be had: the ones started (or next() itself) do the reading.
  }
}

ReadAhead::~ReadAhead() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  space_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void ReadAhead::work() {
  while (true) {
    std::size_t job = 0;
    {
      std::unique_lock lock(mutex_);
      space_.wait(lock, [this] { return stopping_ || next_job_ >= files_.size() || next_job_ < next_out_ + kWindow; });
      if (stopping_ || next_job_ >= files_.size()) return;
      job = next_job_++;
    }
    auto report = read_one_report(files_[job]);
    {
      const std::lock_guard lock(mutex_);
      slots_[job] = std::move(report);
    }
    ready_.notify_all();
  }
}

std::optional<ReadReport> ReadAhead::next() {
  std::unique_lock lock(mutex_);
  if (next_out_ >= files_.size()) return std::nullopt;
  if (threads_.empty()) return read_one_report(files_[next_out_++]);
  ready_.wait(lock, [this] { return slots_[next_out_].has_value(); });
  auto report = std::move(*slots_[next_out_]);
  slots_[next_out_].reset();
  ++next_out_;
  lock.unlock();
  space_.notify_all();
  return report;
}

}  // namespace dockcis::fleet
