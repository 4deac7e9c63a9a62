// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/atomic_file.hpp"

namespace fs = std::filesystem;

namespace {
std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}
struct TempDir {
  fs::path path;
  TempDir() {
    char pattern[] = "/tmp/dockcis-out-XXXXXX";
    path = mkdtemp(pattern);
  }
  ~TempDir() { fs::remove_all(path); }
};
}  // namespace

TEST_CASE("reports are written atomically with mode 0640, replacing the old file") {
  TempDir dir;
  const auto file = dir.path / "report.json";
  REQUIRE(dockcis::util::write_file_atomically(file, "old").has_value());
  REQUIRE(dockcis::util::write_file_atomically(file, "new").has_value());
  CHECK(read(file) == "new");
  struct stat info {};
  REQUIRE(stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0640);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path)) ++entries;
  CHECK(entries == 1);  // no temporary file left behind
}

TEST_CASE("a symlink at the destination is replaced, not followed") {
  TempDir dir;
  const auto victim = dir.path / "victim";
  std::ofstream(victim) << "keep";
  fs::create_symlink(victim, dir.path / "report.html");
  REQUIRE(dockcis::util::write_file_atomically(dir.path / "report.html", "report").has_value());
  CHECK(read(victim) == "keep");
  CHECK_FALSE(fs::is_symlink(dir.path / "report.html"));
  CHECK(read(dir.path / "report.html") == "report");
}

TEST_CASE("an unwritable destination is an error value") {
  const auto result = dockcis::util::write_file_atomically("/nonexistent-dir/report.json", "x");
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().find("/nonexistent-dir") != std::string::npos);
}

TEST_CASE("output directories get timestamped files and latest links") {
  TempDir dir;
  REQUIRE(dockcis::util::write_output_dir(dir.path / "reports", "20261123T120000Z", {{"json", "{}"}, {"html", "<html>"}}).has_value());
  REQUIRE(dockcis::util::write_output_dir(dir.path / "reports", "20261124T120000Z", {{"json", "{\"n\":2}"}}).has_value());
  CHECK(fs::read_symlink(dir.path / "reports" / "latest.json") == "dockcis-20261124T120000Z.json");
  CHECK(read(dir.path / "reports" / "latest.json") == "{\"n\":2}");
  CHECK(fs::read_symlink(dir.path / "reports" / "latest.html") == "dockcis-20261123T120000Z.html");
  CHECK(fs::exists(dir.path / "reports" / "dockcis-20261123T120000Z.json"));
}
