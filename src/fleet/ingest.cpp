// SPDX-License-Identifier: Apache-2.0
#include "fleet/ingest.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "fleet/report_input.hpp"
#include "fleet/report_reader.hpp"
#include "util/made_in_order.hpp"

namespace dockcis::fleet {
namespace {

constexpr int kMaxDirectoryDepth = 8;

std::expected<std::string, std::string> read_bounded(std::istream& in, const std::string& name) {
  std::string content;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (content.size() > kMaxReportBytes) {
      return std::unexpected(name + ": larger than " + std::to_string(kMaxReportBytes >> 20) + " MiB, not a report this store reads");
    }
  }
  if (in.bad()) return std::unexpected(name + ": read error");
  return content;
}

void add_directory(const std::filesystem::path& dir, std::vector<std::string>& files, std::vector<std::string>& problems) {
  std::error_code error;
  std::vector<std::string> found;
  std::filesystem::recursive_directory_iterator it(dir, std::filesystem::directory_options::skip_permission_denied, error);
  for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it.depth() >= kMaxDirectoryDepth) it.disable_recursion_pending();
    std::error_code type_error;
    if (it->path().extension() == ".json" && it->is_regular_file(type_error)) found.push_back(it->path().string());
  }
  if (error) problems.push_back(dir.string() + ": cannot list: " + error.message());
  std::ranges::sort(found);
  files.insert(files.end(), found.begin(), found.end());
}

}  // namespace

std::expected<std::string, std::string> read_report_file(const std::string& path) {
  if (path == "-") return read_bounded(std::cin, "standard input");
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(path + ": cannot read");
  return read_bounded(in, path);
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs, std::vector<std::string>& problems) {
  std::vector<std::string> files;
  for (const auto& input : inputs) {
    std::error_code error;
    if (input != "-" && std::filesystem::is_directory(input, error)) add_directory(input, files, problems);
    else files.push_back(input);
  }
  return files;
}

std::expected<IngestSummary, DbError> ingest_files(Store& store, const std::vector<std::string>& inputs, const IngestOptions& options,
                                                   const std::function<void(const std::string&)>& progress) {
  IngestSummary summary;
  const auto files = expand_inputs(inputs, summary.refusals);
  summary.refused = static_cast<int>(summary.refusals.size());
  // One reader per core (at most 8) besides this thread's database work, at
  // least one; eight reports read ahead of the one stored bound the memory.
  const unsigned readers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  util::MadeInOrder<ReadReport> reader(files.size(), readers, 8, [&](std::size_t index) { return read_one_report(files[index]); });
  while (auto report = reader.next()) {
    const std::string& name = report->name;
    if (progress) progress(name);
    auto& run = report->run;
    if (!run) {
      summary.refusals.push_back(run.error());
      ++summary.refused;
      continue;
    }
    if (!options.group.empty()) run->group = options.group;
    const auto outcome = store.ingest(*run, report->digest, name);
    if (!outcome) {
      if (outcome.error().unreachable) return std::unexpected(outcome.error());
      summary.refusals.push_back(name + ": not stored: " + outcome.error().message);
      ++summary.refused;
      continue;
    }
    switch (outcome->status) {
      case IngestStatus::stored: ++summary.stored; break;
      case IngestStatus::already_stored: ++summary.already_stored; break;
      case IngestStatus::conflict:
        summary.refusals.push_back(name + ":/run_id: " + outcome->message);
        ++summary.refused;
        break;
    }
  }
  return summary;
}

}  // namespace dockcis::fleet
