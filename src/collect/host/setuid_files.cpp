// SPDX-License-Identifier: Apache-2.0
#include "collect/host/setuid_files.hpp"
#include "model/fact_names.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>
#include <unordered_set>

#include "collect/deadline.hpp"
#include "collect/host/image_store.hpp"
#include "util/json_access.hpp"
#include "util/strings.hpp"

namespace dockcis::collect {
namespace {

using model::json;
namespace fs = std::filesystem;

constexpr unsigned kSpecialBits = S_ISUID | S_ISGID;
// Listing is bounded too: a layer with more setuid files than this is hostile or broken.
constexpr std::size_t kMaxFilesPerLayer = 10000;

std::string octal(unsigned mode) {
  std::string text;
  for (int shift = 9; shift >= 0; shift -= 3) text += static_cast<char>('0' + ((mode >> shift) & 7));
  return text;
}

// What a higher layer holds at `path` decides for the layers below it.
enum class Cover { none, replaced, hidden };

bool opaque(const fs::path& dir) {
  char value[2] = {};
  for (const char* name : {"trusted.overlay.opaque", "user.overlay.opaque"}) {
    if (::lgetxattr(dir.c_str(), name, value, sizeof value) == 1 && value[0] == 'y') return true;
  }
  return false;
}

// Whiteouts are 0:0 character devices; an opaque directory hides everything below it in lower layers.
Cover cover_in(const fs::path& layer, const std::string& path) {
  struct stat info {};
  if (::lstat((layer / path.substr(1)).c_str(), &info) == 0) return Cover::replaced;
  fs::path parent = fs::path(path).parent_path();
  while (!parent.empty() && parent != "/") {
    const auto dir = layer / parent.relative_path();
    if (::lstat(dir.c_str(), &info) == 0) {
      if (!S_ISDIR(info.st_mode)) return Cover::hidden;
      if (opaque(dir)) return Cover::hidden;
    }
    parent = parent.parent_path();
  }
  return Cover::none;
}

LayerScan failed(std::string reason, model::ErrorKind kind) {
  LayerScan scan;
  scan.error = std::move(reason);
  scan.error_kind = kind;
  return scan;
}

}  // namespace

LayerScanner::LayerScanner(const HostRoot& root, LayerBudget budget)
    : root_(root), budget_(budget), deadline_(std::chrono::steady_clock::now() + budget.max_time) {}

const LayerScan& LayerScanner::scan(const std::string& layer_dir) {
  const auto found = scanned_.find(layer_dir);
  if (found != scanned_.end()) return found->second;
  return scanned_.emplace(layer_dir, walk(layer_dir)).first->second;
}

// Depth-first over an explicit stack; symlinks are never followed, so the
// walk stays in the layer. Each directory is read through its descriptor and
// only regular files (or entries whose type the file system does not say)
// are stat'ed, relative to it: a host's image layers hold hundreds of
// thousands of files, and a full-path lstat of each was most of an audit of
// a host with few containers.
LayerScan LayerScanner::walk(const std::string& layer_dir) {
  const auto real = root_.real_path(layer_dir);
  if (!real) return failed(describe(real.error(), "cannot resolve", layer_dir), model::ErrorKind::other);
  const fs::path top = root_.resolve(*real);
  std::error_code error;
  if (!fs::is_directory(fs::symlink_status(top, error))) {
    return failed("layer directory " + layer_dir + " is missing under " + root_.root().string(), model::ErrorKind::not_found);
  }
  const auto cannot_list = [&](const std::string& relative) {
    return failed("cannot list " + layer_dir + "/" + relative + ": " + std::error_code(errno, std::generic_category()).message(),
                  model::ErrorKind::permission_denied);
  };
  LayerScan scan;
  std::vector<std::string> pending{""};
  while (!pending.empty()) {
    const auto relative = std::move(pending.back());
    pending.pop_back();
    const int fd = ::open((top / relative).c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    const std::unique_ptr<DIR, int (*)(DIR*)> dir(fd < 0 ? nullptr : ::fdopendir(fd), ::closedir);
    if (!dir) {
      const auto listed = cannot_list(relative);
      if (fd >= 0) ::close(fd);
      return listed;
    }
    while (true) {
      // readdir says an error only through errno; a failed fstatat before it must not look like one.
      errno = 0;
      const dirent* entry = ::readdir(dir.get());
      if (entry == nullptr) break;
      const std::string_view name = entry->d_name;
      if (name == "." || name == "..") continue;
      if (++entries_ > budget_.max_entries) {
        return failed("stopped after " + std::to_string(budget_.max_entries) + " files in the image layers (bound reached in " +
                          layer_dir + ")", model::ErrorKind::too_large);
      }
      if ((entries_ & 1023) == 0 && std::chrono::steady_clock::now() > deadline_) {
        return failed("the layer scan took longer than its time bound (reached in " + layer_dir + ")", model::ErrorKind::timed_out);
      }
      const auto child = relative.empty() ? std::string(name) : relative + "/" + std::string(name);
      unsigned mode = 0;
      if (entry->d_type == DT_DIR) {
        mode = S_IFDIR;
      } else if (entry->d_type == DT_REG || entry->d_type == DT_UNKNOWN) {
        struct stat info {};
        // Gone since it was listed is no file; a file not seen for another reason is a layer not read.
        if (::fstatat(::dirfd(dir.get()), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
          if (errno == ENOENT) continue;
          const auto kind = errno == EACCES || errno == EPERM ? model::ErrorKind::permission_denied : model::ErrorKind::other;
          return failed("cannot stat " + layer_dir + "/" + child + ": " + std::error_code(errno, std::generic_category()).message(), kind);
        }
        mode = info.st_mode;
      }
      if (S_ISDIR(mode)) pending.push_back(child);
      if (S_ISREG(mode) && (mode & kSpecialBits) != 0) {
        if (scan.files.size() >= kMaxFilesPerLayer) {
          return failed("more than " + std::to_string(kMaxFilesPerLayer) + " setuid/setgid files in " + layer_dir, model::ErrorKind::too_large);
        }
        scan.files.emplace_back("/" + child, mode & 07777);
      }
    }
    if (errno != 0) return cannot_list(relative);
  }
  std::ranges::sort(scan.files);
  return scan;
}

std::vector<std::string> layer_dirs(const json& inspect, std::string& error) {
  const auto driver = util::get_or(inspect, "GraphDriver", json::object());
  const auto name = util::get_or(driver, "Name", std::string());
  const auto data = util::get_or(driver, "Data", json::object());
  std::vector<std::string> dirs;
  const auto upper = util::get_or(data, "UpperDir", std::string());
  if (!upper.empty()) dirs.push_back(upper);
  // A directory named twice is one layer, the higher: LowerDir is the
  // engine's text, and a repeat would only multiply the coverage checks below.
  std::unordered_set<std::string> named(dirs.begin(), dirs.end());
  for (auto& lower : util::split(util::get_or(data, "LowerDir", std::string()), ':')) {
    if (!lower.empty() && named.insert(lower).second) dirs.push_back(std::move(lower));
  }
  const bool absolute = std::ranges::all_of(dirs, [](const std::string& dir) { return dir.starts_with('/'); });
  if (dirs.empty() || !absolute) {
    error = "the storage driver '" + (name.empty() ? std::string("unknown") : name) +
            "' gives no layer directories (GraphDriver.Data.UpperDir/LowerDir); only overlay2-style drivers can be read";
    dirs.clear();
  }
  return dirs;
}

model::Fact image_setuid_fact(const HostRoot& root, LayerScanner& scanner, const json& inspect) {
  std::string problem;
  const auto dirs = layer_dirs(inspect, problem);
  if (dirs.empty()) return std::unexpected(model::Unavailable{problem, model::ErrorKind::other});
  // Each layer's directory is resolved once, not for every file below it.
  std::vector<std::optional<fs::path>> resolved;
  resolved.reserve(dirs.size());
  for (const auto& dir : dirs) {
    const auto real = root.real_path(dir);
    resolved.push_back(real ? std::optional(root.resolve(*real)) : std::nullopt);
  }
  json files = json::array();
  for (std::size_t layer = 0; layer < dirs.size(); ++layer) {
    const auto& scan = scanner.scan(dirs[layer]);
    if (!scan.error.empty()) return std::unexpected(model::Unavailable{scan.error, scan.error_kind});
    for (const auto& [path, mode] : scan.files) {
      const bool covered = std::any_of(resolved.begin(), resolved.begin() + static_cast<long>(layer), [&](const auto& above) {
        return above && cover_in(*above, path) != Cover::none;
      });
      if (covered) continue;
      files.push_back({{"path", path}, {"mode", octal(mode)}, {"setuid", (mode & S_ISUID) != 0},
                       {"setgid", (mode & S_ISGID) != 0}, {"layer", dirs[layer]}});
    }
  }
  std::sort(files.begin(), files.end(), [](const json& a, const json& b) { return a["path"] < b["path"]; });
  return json{{"driver", util::get_or(util::get_or(inspect, "GraphDriver", json::object()), "Name", std::string())},
              {"layers", dirs.size()},
              {"files", std::move(files)}};
}

void collect_image_setuid_files(const FactRequest& request, model::FactStore& out) {
  const auto* images = request.deps.value(model::facts::engine_images);
  if (images == nullptr || !images->is_array()) return;
  LayerScanner scanner(*request.sources.root, LayerBudget{});
  const auto* info = request.deps.value(model::facts::engine_info);
  const bool containerd_store = info != nullptr && containerd_image_store(*info);
  for (const auto& entry : *images) {
    const std::string id = util::get_or(entry, "Id", std::string());
    const auto key = model::instance_key(request.kind.name, id);
    if (past_deadline(request.sources)) {
      out.set(key, std::unexpected(deadline_passed()));
      continue;
    }
    const auto* inspect = request.deps.find(model::instance_key(model::facts::image_inspect, id));
    if (inspect == nullptr || !*inspect) {
      out.set(key, std::unexpected(inspect == nullptr ? model::Unavailable{"image " + id + " was not inspected", model::ErrorKind::not_collected}
                                                      : inspect->error()));
      continue;
    }
    auto fact = image_setuid_fact(*request.sources.root, scanner, **inspect);
    // No layer directories: say why in a sentence, with what a reviewer can run instead.
    if (std::string problem; !fact && layer_dirs(**inspect, problem).empty()) {
      const auto reason = unreadable_layers_reason(**inspect, image_reference(entry), containerd_store);
      fact = std::unexpected(model::Unavailable{reason, model::ErrorKind::other});
    }
    out.set(key, std::move(fact));
  }
}

}  // namespace dockcis::collect
