// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockcis::model {

using json = nlohmann::json;

/// One CIS recommendation in one benchmark version, bound to a check key.
struct Recommendation {
  std::string id;          ///< CIS id in this version, e.g. "2.8"
  std::string key;         ///< stable check key shared across versions
  std::string title;       ///< CIS title in this version
  int level = 1;           ///< 1 or 2
  bool swarm = false;      ///< CIS "Level 1 - Docker Swarm"
  std::string assessment;  ///< CIS assessment status: automated | manual
  std::string section;     ///< top-level section, derived from id
};

struct Section {
  std::string id;
  std::string title;
};

/// A benchmark document (profiles/*.json): CIS order, per-version metadata,
/// parameters with their defaults, and the Docker versions it is meant for.
struct Profile {
  std::string id;     ///< cis-docker-1.6.0
  std::string title;
  std::string benchmark_version;
  std::string docker_min;  ///< lowest Docker Engine version the profile is the default for
  std::vector<Section> sections;
  std::vector<Recommendation> recommendations;
  json parameters = json::object();  ///< name -> {"default": ..., "description": ...}
  std::string file;
};

}  // namespace dockcis::model
