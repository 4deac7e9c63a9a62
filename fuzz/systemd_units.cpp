// SPDX-License-Identifier: Apache-2.0
// systemd units as dockcis finds them (the daemon.units fact) and dockerd's
// command line rebuilt from ExecStart, Environment= and the environment
// files. Input: docker.service, then (after "%%" lines) a drop-in for it,
// docker.socket and /etc/default/docker. They are written into a scratch
// root once per run, so the unit search, drop-in merging and environment
// file reads are the collector's own.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "collect/host/dockerd_process.hpp"
#include "collect/host/systemd_units.hpp"
#include "fuzz_input.hpp"

using namespace dockcis;

namespace {

class ScratchRoot {
 public:
  ScratchRoot() {
    const char* base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
    std::string pattern = std::string(base) + "/dockcis-fuzz-units-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
    for (const char* dir : {"/lib/systemd/system/docker.service.d", "/etc/systemd/system/docker.service.d", "/etc/default"}) {
      std::filesystem::create_directories(path_.string() + dir);
    }
  }
  ~ScratchRoot() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchRoot(const ScratchRoot&) = delete;
  ScratchRoot& operator=(const ScratchRoot&) = delete;

  void write(const std::string& path, std::string_view content) const {
    std::ofstream out(path_.string() + path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }
  void remove(const std::string& path) const {
    std::error_code ignored;
    std::filesystem::remove(path_.string() + path, ignored);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ScratchRoot scratch;
  const auto parts = fuzz::sections(data, size, 4);
  const std::pair<const char*, std::size_t> files[] = {{"/lib/systemd/system/docker.service", 0},
                                                        {"/etc/systemd/system/docker.service.d/override.conf", 1},
                                                        {"/lib/systemd/system/docker.socket", 2},
                                                        {"/etc/default/docker", 3}};
  for (const auto& [path, part] : files) {
    if (part < parts.size()) scratch.write(path, parts[part]);
    else scratch.remove(path);
  }
  const collect::HostRoot root(scratch.path());
  const auto units = collect::collect_units(root);
  if (units && units->contains("docker.service")) {
    (void)collect::unit_command_line(root, units->at("docker.service"));
  }
  if (units) (void)units->dump(-1, ' ', false, model::json::error_handler_t::replace);
  return 0;
}
