// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

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
// One run's set of reports with contents already made, by extension.
std::expected<void, std::string> write_sets(const fs::path& dir, const std::string& stamp, const std::map<std::string, std::string>& files) {
  if (auto made = dockcis::util::make_output_dir(dir); !made) return made;
  for (const auto& [extension, content] : files) {
    auto file = dockcis::util::StampedFile::create(dir, stamp, extension);
    if (!file) return std::unexpected(file.error());
    file->write(content);
    if (auto written = file->commit(); !written) return written;
  }
  return {};
}
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  return names;
}
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

TEST_CASE("a symlink at the destination is an error: nothing is written through it or over it") {
  TempDir dir;
  const auto victim = dir.path / "victim";
  std::ofstream(victim) << "keep";
  fs::create_symlink(victim, dir.path / "report.html");
  const auto written = dockcis::util::write_file_atomically(dir.path / "report.html", "report");
  REQUIRE_FALSE(written.has_value());
  CHECK(written.error().find("symbolic link") != std::string::npos);
  CHECK(read(victim) == "keep");
  CHECK(fs::is_symlink(dir.path / "report.html"));
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 2);
}

TEST_CASE("an existing report's narrower mode is kept, a wider one is narrowed") {
  TempDir dir;
  const auto strict = dir.path / "strict.json";
  const auto loose = dir.path / "loose.prom";
  std::ofstream(strict) << "old";
  std::ofstream(loose) << "old";
  fs::permissions(strict, fs::perms::owner_read | fs::perms::owner_write);
  fs::permissions(loose, fs::perms::all);
  REQUIRE(dockcis::util::write_file_atomically(strict, "new", 0644).has_value());
  REQUIRE(dockcis::util::write_file_atomically(loose, "new", 0644).has_value());
  struct stat info {};
  REQUIRE(stat(strict.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0600);
  REQUIRE(stat(loose.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0644);
  CHECK(read(strict) == "new");
}

TEST_CASE("the mode is 0640 whatever the umask") {
  TempDir dir;
  const auto old_mask = ::umask(077);
  const auto written = dockcis::util::write_file_atomically(dir.path / "strict", "x");
  ::umask(002);
  const auto written_loose = dockcis::util::write_file_atomically(dir.path / "loose", "x");
  ::umask(old_mask);
  REQUIRE(written.has_value());
  REQUIRE(written_loose.has_value());
  struct stat info {};
  REQUIRE(stat((dir.path / "strict").c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0640);
  REQUIRE(stat((dir.path / "loose").c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0640);
}

TEST_CASE("a directory at the destination is an error and leaves nothing behind") {
  TempDir dir;
  fs::create_directory(dir.path / "report.html");
  std::ofstream(dir.path / "report.html" / "inside") << "keep";
  const auto result = dockcis::util::write_file_atomically(dir.path / "report.html", "x");
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().starts_with("cannot replace " + (dir.path / "report.html").string() + ": "));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path)) ++entries;
  CHECK(entries == 1);
  CHECK(read(dir.path / "report.html" / "inside") == "keep");
}

TEST_CASE("a path without a file name is refused") {
  TempDir dir;
  const auto result = dockcis::util::write_file_atomically(dir.path / "", "x");
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().find("not a file name") != std::string::npos);
}

TEST_CASE("an unwritable destination is an error value") {
  const auto result = dockcis::util::write_file_atomically("/nonexistent-dir/report.json", "x");
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().find("/nonexistent-dir") != std::string::npos);
}

TEST_CASE("output directories get timestamped files and latest links") {
  TempDir dir;
  REQUIRE(write_sets(dir.path / "reports", "20261123T120000Z", {{"json", "{}"}, {"html", "<html>"}}).has_value());
  REQUIRE(write_sets(dir.path / "reports", "20261124T120000Z", {{"json", "{\"n\":2}"}}).has_value());
  CHECK(fs::read_symlink(dir.path / "reports" / "latest.json") == "dockcis-20261124T120000Z.json");
  CHECK(read(dir.path / "reports" / "latest.json") == "{\"n\":2}");
  CHECK(fs::read_symlink(dir.path / "reports" / "latest.html") == "dockcis-20261123T120000Z.html");
  CHECK(fs::exists(dir.path / "reports" / "dockcis-20261123T120000Z.json"));
  for (const auto& entry : fs::directory_iterator(dir.path / "reports")) {
    CHECK_FALSE(entry.path().filename().string().starts_with("."));  // no temporary left
  }
}

TEST_CASE("a stamped report is written as it is made, and appears whole") {
  TempDir dir;
  const auto reports = dir.path / "reports";
  REQUIRE(dockcis::util::make_output_dir(reports).has_value());
  auto file = dockcis::util::StampedFile::create(reports, "20261126T000000Z", "json");
  REQUIRE(file.has_value());
  file->write("first piece, ");
  // Written so far into a temporary file only: no reader sees a part.
  CHECK_FALSE(fs::exists(reports / "dockcis-20261126T000000Z.json"));
  CHECK_FALSE(fs::exists(reports / "latest.json"));
  CHECK(names_in(reports).size() == 1);
  file->write("second piece");
  REQUIRE(file->commit().has_value());
  CHECK(read(reports / "latest.json") == "first piece, second piece");
  CHECK(names_in(reports).size() == 2);
}

TEST_CASE("an atomic file takes pieces, and replaces the destination only when committed") {
  TempDir dir;
  const auto file = dir.path / "report.json";
  REQUIRE(dockcis::util::write_file_atomically(file, "old").has_value());
  {
    auto dropped = dockcis::util::AtomicFile::create(file);
    REQUIRE(dropped.has_value());
    dropped->write("never committed");
  }
  CHECK(read(file) == "old");
  CHECK(names_in(dir.path) == std::vector<std::string>{"report.json"});  // the temporary file went with it
  auto pieces = dockcis::util::AtomicFile::create(file);
  REQUIRE(pieces.has_value());
  for (int i = 0; i < 1000; ++i) pieces->write(std::to_string(i) + ",");
  CHECK(read(file) == "old");
  REQUIRE(pieces->commit().has_value());
  CHECK(read(file).starts_with("0,1,2,"));
  CHECK(read(file).ends_with("998,999,"));
  CHECK(names_in(dir.path) == std::vector<std::string>{"report.json"});
  CHECK_FALSE(pieces->commit().has_value());  // once only
}

TEST_CASE("a file of many megabytes is whole after the writeback started on the way") {
  TempDir dir;
  const auto file = dir.path / "large.xml";
  auto pieces = dockcis::util::AtomicFile::create(file);
  REQUIRE(pieces.has_value());
  // Pieces of uneven sizes, so that the writeback's steps fall inside them.
  std::string expected;
  for (int i = 0; expected.size() < (5u << 20); ++i) {
    const std::string piece(static_cast<std::size_t>(1 + (i * 7919) % 70000), static_cast<char>('a' + i % 26));
    pieces->write(piece);
    expected += piece;
  }
  CHECK_FALSE(fs::exists(file));
  REQUIRE(pieces->commit().has_value());
  CHECK(fs::file_size(file) == expected.size());
  CHECK(read(file) == expected);
}

TEST_CASE("a stamped file's commit can run apart from its writing") {
  TempDir dir;
  auto stamped = dockcis::util::StampedFile::create(dir.path, "20261203T000000Z", "html");
  REQUIRE(stamped.has_value());
  stamped->write("<html>");
  auto moved = std::move(*stamped);
  moved.write("</html>");
  CHECK_FALSE(fs::exists(dir.path / "latest.html"));
  REQUIRE(moved.commit().has_value());
  CHECK(read(dir.path / "latest.html") == "<html></html>");
  CHECK(fs::read_symlink(dir.path / "latest.html") == "dockcis-20261203T000000Z.html");
  CHECK_FALSE(moved.commit().has_value());  // once only
}

TEST_CASE("latest links replace whatever is there without following it") {
  TempDir dir;
  const auto reports = dir.path / "reports";
  fs::create_directories(reports);
  std::ofstream(reports / "latest.txt") << "a regular file";
  std::ofstream(dir.path / "victim") << "keep";
  fs::create_symlink(dir.path / "victim", reports / "latest.json");
  REQUIRE(write_sets(reports, "20261125T000000Z", {{"txt", "text"}, {"json", "{}"}}).has_value());
  CHECK(fs::read_symlink(reports / "latest.txt") == "dockcis-20261125T000000Z.txt");
  CHECK(fs::read_symlink(reports / "latest.json") == "dockcis-20261125T000000Z.json");
  CHECK(read(dir.path / "victim") == "keep");
}

TEST_CASE("stamps and extensions cannot leave the output directory") {
  TempDir dir;
  CHECK_FALSE(write_sets(dir.path, "../x", {{"json", "{}"}}).has_value());
  CHECK_FALSE(write_sets(dir.path, "x", {{"json/../../y", "{}"}}).has_value());
  CHECK(fs::is_empty(dir.path));
}
