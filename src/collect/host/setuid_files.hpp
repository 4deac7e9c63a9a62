// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "collect/fact_request.hpp"
#include "collect/host/host_root.hpp"
#include "model/fact_store.hpp"

// setuid and setgid files of the local images, read from the storage
// driver's layer directories on the host (CIS 4.8). Images share layers: each
// directory is walked once per run, without recursion, within a file and a
// time budget.
namespace dockcis::collect {

struct LayerBudget {
  std::size_t max_entries = 2'000'000;  ///< entries looked at over the whole run
  std::chrono::steady_clock::duration max_time = std::chrono::seconds(120);
};

/// One layer directory's setuid/setgid files (paths inside the image), or why it could not be read.
struct LayerScan {
  std::vector<std::pair<std::string, unsigned>> files;  ///< path, mode bits
  std::string error;
  model::ErrorKind error_kind = model::ErrorKind::other;
};

class LayerScanner {
 public:
  LayerScanner(const HostRoot& root, LayerBudget budget);
  /// The scan of a layer directory (a host path), walked on first use only.
  const LayerScan& scan(const std::string& layer_dir);
  [[nodiscard]] std::size_t entries_seen() const { return entries_; }

 private:
  LayerScan walk(const std::string& layer_dir);
  const HostRoot& root_;
  LayerBudget budget_;
  std::chrono::steady_clock::time_point deadline_;
  std::size_t entries_ = 0;
  std::map<std::string, LayerScan> scanned_;
};

/// The layer directories of an image inspect document, top first (UpperDir,
/// then LowerDir's list); an error text when the driver gives none.
std::vector<std::string> layer_dirs(const model::json& inspect, std::string& error);

/// image.setuid_files of one image: the union view of its layers (a file a
/// higher layer replaces, whites out or hides under an opaque directory is not
/// the image's).
model::Fact image_setuid_fact(const HostRoot& root, LayerScanner& scanner, const model::json& inspect);

void collect_image_setuid_files(const FactRequest& request, model::FactStore& out);

}  // namespace dockcis::collect
