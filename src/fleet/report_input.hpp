// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <condition_variable>
#include <expected>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "fleet/stored_run.hpp"

namespace dockcis::fleet {

/// A report file read, digested and validated, ready to be stored.
struct ReadReport {
  std::string name;                             ///< the file, or "standard input"
  std::expected<StoredRun, std::string> run;    ///< or why it is refused ("file:/pointer: message")
  std::string digest;                           ///< "sha256:..." of the bytes read
};

/// Reads and validates report files on worker threads, a few ahead of the
/// caller, and hands them out in the order given: parsing JSON is most of an
/// ingest's work, and it need not wait for the database.
class ReadAhead {
 public:
  ReadAhead(std::vector<std::string> files, unsigned workers);
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;
  ~ReadAhead();

  /// The next report in order; nullopt after the last.
  std::optional<ReadReport> next();

 private:
  void work();

  std::vector<std::string> files_;
  std::vector<std::optional<ReadReport>> slots_;
  std::size_t next_job_ = 0;
  std::size_t next_out_ = 0;
  bool stopping_ = false;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::vector<std::thread> threads_;
};

/// Reads and validates one report file ("-": standard input).
ReadReport read_one_report(const std::string& file);

}  // namespace dockcis::fleet
