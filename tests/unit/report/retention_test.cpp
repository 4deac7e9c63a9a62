// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "util/retention.hpp"

namespace fs = std::filesystem;

namespace {
struct ReportDir {
  fs::path path;
  ReportDir() {
    char pattern[] = "/tmp/dockcis-keep-XXXXXX";
    path = mkdtemp(pattern);
  }
  ~ReportDir() { fs::remove_all(path); }
  void run(const std::string& stamp) {
    for (const char* extension : {"json", "html", "prom"}) std::ofstream(path / ("dockcis-" + stamp + "." + extension)) << "x";
  }
  void link(const std::string& stamp) {
    for (const char* extension : {"json", "html", "prom"}) {
      fs::remove(path / (std::string("latest.") + extension));
      fs::create_symlink("dockcis-" + stamp + "." + extension, path / (std::string("latest.") + extension));
    }
  }
  bool has(const std::string& name) const { return fs::exists(fs::symlink_status(path / name)); }
};
}  // namespace

TEST_CASE("retention: the oldest report sets go, the newest N stay") {
  ReportDir dir;
  for (const char* stamp : {"20261120T020000Z", "20261121T020000Z", "20261122T020000Z", "20261123T020000Z"}) dir.run(stamp);
  dir.link("20261123T020000Z");
  const auto removed = dockcis::util::prune_report_sets(dir.path, 2);
  REQUIRE(removed.has_value());
  CHECK(*removed == 2);
  CHECK_FALSE(dir.has("dockcis-20261120T020000Z.json"));
  CHECK_FALSE(dir.has("dockcis-20261121T020000Z.prom"));
  CHECK(dir.has("dockcis-20261122T020000Z.html"));
  CHECK(dir.has("dockcis-20261123T020000Z.json"));
  CHECK(dir.has("latest.json"));
  CHECK(*dockcis::util::prune_report_sets(dir.path, 2) == 0);
}

TEST_CASE("retention: other files, directories and links are never touched") {
  ReportDir dir;
  dir.run("20261120T020000Z");
  dir.run("20261123T020000Z");
  std::ofstream(dir.path / "dockcis-notes.txt") << "mine";
  std::ofstream(dir.path / "dockcis-2026112XT020000Z.json") << "not a stamp";
  fs::create_directory(dir.path / "dockcis-20261101T020000Z.d");
  fs::create_symlink("/etc/passwd", dir.path / "dockcis-20261102T020000Z.json");
  REQUIRE(dockcis::util::prune_report_sets(dir.path, 1).has_value());
  CHECK_FALSE(dir.has("dockcis-20261120T020000Z.json"));
  CHECK(dir.has("dockcis-notes.txt"));
  CHECK(dir.has("dockcis-2026112XT020000Z.json"));
  CHECK(dir.has("dockcis-20261101T020000Z.d"));
  CHECK(dir.has("dockcis-20261102T020000Z.json"));
  CHECK(fs::exists("/etc/passwd"));
}

TEST_CASE("retention: a set a latest link points at stays, even when older (clock set back)") {
  ReportDir dir;
  for (const char* stamp : {"20261120T020000Z", "20261121T020000Z", "20301231T020000Z"}) dir.run(stamp);
  dir.link("20261121T020000Z");
  REQUIRE(dockcis::util::prune_report_sets(dir.path, 1).has_value());
  CHECK_FALSE(dir.has("dockcis-20261120T020000Z.json"));
  CHECK(dir.has("dockcis-20261121T020000Z.json"));
  CHECK(dir.has("dockcis-20301231T020000Z.json"));
}

TEST_CASE("retention: a directory that cannot be listed is an error") {
  const auto result = dockcis::util::prune_report_sets("/nonexistent/dockcis-reports", 3);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().find("/nonexistent/dockcis-reports") != std::string::npos);
}
