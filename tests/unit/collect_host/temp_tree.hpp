// SPDX-License-Identifier: Apache-2.0
// A throw-away host tree for collector tests.
#pragma once
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

class TempTree {
 public:
  TempTree() {
    char pattern[] = "/tmp/dockcis-tree-XXXXXX";
    root_ = mkdtemp(pattern);
  }
  ~TempTree() { std::filesystem::remove_all(root_); }
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  /// Writes a file (parents created) with the given mode.
  void write(const std::string& path, const std::string& text, unsigned mode = 0644) const {
    const auto full = root_ / std::filesystem::path(path).relative_path();
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << text;
    chmod(full.c_str(), mode);
  }
  void mkdir(const std::string& path, unsigned mode = 0755) const {
    const auto full = root_ / std::filesystem::path(path).relative_path();
    std::filesystem::create_directories(full);
    chmod(full.c_str(), mode);
  }
  void link(const std::string& target, const std::string& path) const {
    const auto full = root_ / std::filesystem::path(path).relative_path();
    std::filesystem::create_directories(full.parent_path());
    std::filesystem::create_symlink(target, full);
  }
  /// Copies a fixture host tree in, symlinks kept as links. Git keeps neither
  /// modes nor owners, so a test sets the ones it asserts on the copy.
  void copy_fixture(const std::string& scenario) const {
    std::filesystem::copy(std::filesystem::path(DOCKCIS_HOST_FIXTURES) / scenario, root_,
                          std::filesystem::copy_options::recursive | std::filesystem::copy_options::copy_symlinks);
  }
  void chmod_path(const std::string& path, unsigned mode) const {
    ::chmod((root_ / std::filesystem::path(path).relative_path()).c_str(), mode);
  }
  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};
