// SPDX-License-Identifier: Apache-2.0
#include "engine/message_phrases.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <utility>

namespace dockcis::engine {
namespace {

using Phrase = std::pair<std::string_view, std::string_view>;

constexpr std::array kRequirements{
    Phrase{"eq", "{expected}"},
    Phrase{"ne", "anything but {expected}"},
    Phrase{"in", "one of {expected}"},
    Phrase{"not_in", "none of {expected}"},
    Phrase{"contains", "to include {expected}"},
    Phrase{"not_contains", "not to include {expected}"},
    Phrase{"matches", "a value matching {expected}"},
    Phrase{"not_matches", "no value matching {expected}"},
    Phrase{"lt", "less than {expected}"},
    Phrase{"le", "at most {expected}"},
    Phrase{"gt", "more than {expected}"},
    Phrase{"ge", "at least {expected}"},
    Phrase{"odd", "an odd number"},
    Phrase{"version_ge", "version {expected} or later"},
    Phrase{"version_lt", "a version before {expected}"},
    Phrase{"mode_at_most", "mode {expected} or stricter"},
    Phrase{"mode_is", "mode {expected}"},
    Phrase{"owner_is", "owner {expected}"},
    Phrase{"exists", "present"},
    Phrase{"not_exists", "absent"},
    Phrase{"empty", "none"},
    Phrase{"not_empty", "at least one"},
    Phrase{"subset_of", "only items from: {expected}"},
    Phrase{"disjoint_with", "none of {expected}"},
    Phrase{"has_keys", "entries for {expected}"},
    Phrase{"not_root_user", "a user other than root"},
    Phrase{"none_under", "no path at or under {expected}"},
    Phrase{"caps_include", "{expected} among them"},
    Phrase{"caps_subset_of", "only {expected}"},
    Phrase{"no_wildcard_bindings", "every published port bound to a specific address"},
    Phrase{"host_ports_at_least", "host ports {expected} or above"},
    Phrase{"privileged_ports_within", "privileged host ports only from {expected}"},
};

// Facts without an argument, by name.
constexpr std::array kFacts{
    Phrase{"engine.version", "the engine's version"},
    Phrase{"engine.info", "the engine's system information"},
    Phrase{"engine.containers", "the container list"},
    Phrase{"engine.images", "the image list"},
    Phrase{"engine.networks", "the network list"},
    Phrase{"engine.swarm", "the swarm's settings"},
    Phrase{"engine.bridge", "the default bridge network"},
    Phrase{"daemon.config", "dockerd's configuration"},
    Phrase{"daemon.units", "Docker's systemd units"},
    Phrase{"host.kernel", "the host's kernel"},
    Phrase{"host.identity", "the host's identity"},
    Phrase{"host.listeners", "the host's listening sockets"},
    Phrase{"container.inspect", "the container's settings"},
    Phrase{"container.processes", "the container's processes"},
    Phrase{"image.inspect", "the image's settings"},
    Phrase{"image.history", "the image's history"},
    Phrase{"network.inspect", "the network's settings"},
    Phrase{"scanner.self", "dockcis' own container"},
};

// Targets the collector resolves on the host, by their ${...} spelling.
constexpr std::array kTargets{
    Phrase{"${daemon_json}", "the daemon.json dockerd reads"},
    Phrase{"${docker_socket}", "the Docker socket"},
    Phrase{"${containerd_socket}", "containerd's socket"},
    Phrase{"${docker_root}", "Docker's data directory"},
    Phrase{"${daemon:tlscacert}", "the TLS CA certificate"},
    Phrase{"${daemon:tlscert}", "the TLS server certificate"},
    Phrase{"${daemon:tlskey}", "the TLS server key"},
};

std::string_view find_phrase(std::span<const Phrase> table, std::string_view key) {
  const auto found = std::ranges::find(table, key, &Phrase::first);
  return found == table.end() ? std::string_view() : found->second;
}

}  // namespace

std::string_view requirement_phrase(std::string_view op) {
  const auto phrase = find_phrase(kRequirements, op);
  return phrase.empty() ? std::string_view("{expected}") : phrase;
}

std::string target_phrase(const std::string& fact) {
  const auto colon = fact.find(':');
  if (colon == std::string::npos) return "";
  const auto target = fact.substr(colon + 1);
  if (const auto phrase = find_phrase(kTargets, target); !phrase.empty()) return std::string(phrase);
  const auto inner = target.starts_with("${") && target.ends_with('}') ? target.substr(2, target.size() - 3) : std::string();
  if (inner.starts_with("bin:")) return "the " + inner.substr(4) + " binary";
  if (inner.starts_with("unit:")) return "the " + inner.substr(5) + " unit file";
  if (inner.starts_with("daemon:")) return "the file dockerd's --" + inner.substr(7) + " names";
  if (!inner.empty()) return "the " + inner;
  return target;
}

std::string fact_phrase(const std::string& fact) {
  if (const auto phrase = find_phrase(kFacts, fact); !phrase.empty()) return std::string(phrase);
  const auto kind = fact.substr(0, fact.find(':'));
  const auto target = target_phrase(fact);
  if (kind == "host.audit") return "the audit rules for " + target;
  if (kind == "host.mount") return "the mount of " + target;
  if (kind == "host.group") return "the " + target + " group";
  if (kind == "host.tree") return "the files under " + target;
  if (kind == "host.file") return target;
  return target.empty() ? "a value dockcis reads" : target;
}

}  // namespace dockcis::engine
