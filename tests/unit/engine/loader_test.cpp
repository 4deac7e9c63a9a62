// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>

#include "engine/loader.hpp"
#include "engine/select.hpp"
#include "test_catalogue.hpp"

using dockcis::engine::Diagnostic;
using dockcis::engine::load_catalogue_from;

namespace {
bool has_diagnostic(const std::vector<Diagnostic>& diagnostics, const std::string& pointer, const std::string& text,
                    const std::string& hint = {}) {
  return std::ranges::any_of(diagnostics, [&](const Diagnostic& d) {
    return d.pointer == pointer && d.message.find(text) != std::string::npos && d.hint.find(hint) != std::string::npos;
  });
}
std::string dump(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.to_string() + "\n";
  return out;
}
}  // namespace

TEST_CASE("a valid catalogue loads without diagnostics") {
  const auto loaded = load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files());
  INFO(dump(loaded.diagnostics));
  CHECK(loaded.diagnostics.empty());
  CHECK(loaded.catalogue.checks.size() == 7);
  REQUIRE(loaded.catalogue.profiles.size() == 1);
  CHECK(loaded.catalogue.profiles[0].recommendations.size() == 7);
  CHECK(loaded.catalogue.profiles[0].recommendations[4].section == "5");
  CHECK(loaded.catalogue.digest.starts_with("sha256:"));
}

TEST_CASE("every problem is reported at once, with file, pointer and hint") {
  const char* broken = R"({
    "schema": "dockcis.checks/v1",
    "checks": [
      {"key": "a.one", "title": "t", "description": "d", "remediation": "r", "sevrity": "high",
       "test": {"fact": "engine.inof", "select": "/Debug", "op": "eqq", "value": false}},
      {"key": "a.two", "title": "t", "description": "d", "remediation": "r",
       "test": {"fact": "container.inspect", "select": "HostConfig", "op": "mode_at_most", "value": "649"}},
      {"key": "a.one", "title": "t", "description": "d", "remediation": "r", "mode": "manul",
       "test": {"all": [{"fact": "host.file:/etc/docker", "op": "matches", "value": "(["},
                        {"fact": "engine.info", "select": "/SecurityOptions", "op": "not_empty", "type": "lists"}]}}
    ]})";
  const auto loaded = load_catalogue_from({{"checks/broken.json", broken}}, {});
  const auto& d = loaded.diagnostics;
  INFO(dump(d));
  CHECK(has_diagnostic(d, "/checks/0/sevrity", "unknown key 'sevrity'", "did you mean 'severity'?"));
  CHECK(has_diagnostic(d, "/checks/0/test/fact", "unknown fact 'engine.inof'", "did you mean 'engine.info'?"));
  CHECK(has_diagnostic(d, "/checks/0/test/op", "unknown operator 'eqq'", "did you mean 'eq'?"));
  CHECK(has_diagnostic(d, "/checks/1/test/fact", "needs \"for_each\""));
  CHECK(has_diagnostic(d, "/checks/1/test/select", "is not a JSON pointer"));
  CHECK(has_diagnostic(d, "/checks/1/test/value", "not an octal mode"));
  CHECK(has_diagnostic(d, "/checks/2/key", "duplicate check key 'a.one'"));
  CHECK(has_diagnostic(d, "/checks/2/mode", "not a valid mode", "did you mean 'manual'?"));
  CHECK(has_diagnostic(d, "/checks/2/test/all/0/value", "invalid regular expression"));
  CHECK(has_diagnostic(d, "/checks/2/test/all/1/type", "'type' must be one of text, number, integer, boolean, object, list, texts", "did you mean 'list'?"));
  CHECK(std::ranges::all_of(d, [](const Diagnostic& x) { return x.file == "checks/broken.json"; }));
}

TEST_CASE("syntax errors keep the parser's position") {
  const auto loaded = load_catalogue_from({{"checks/bad.json", "{\"schema\": \"dockcis.checks/v1\", \"checks\": [}"}}, {});
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].message.find("invalid JSON") != std::string::npos);
  CHECK(loaded.diagnostics[0].message.find("line 1") != std::string::npos);
}

TEST_CASE("profiles are ordered by benchmark version as numbers, and the default is the newest the engine allows") {
  const auto profile = [](const std::string& id, const std::string& version) {
    return std::pair<std::string, std::string>{"profiles/" + id + ".json", R"({"schema": "dockcis.profile/v1", "id": ")" + id +
                                                                               R"(", "title": "P", "benchmark_version": ")" + version +
                                                                               R"(", "docker_min": "20.10", "sections": [], "recommendations": []})"};
  };
  const auto loaded = load_catalogue_from(test_catalogue::check_files(), {profile("p10", "1.10.0"), profile("p9", "1.9.0"),
                                                                          profile("p8", "1.8.0"), profile("p8b", "1.8")});
  INFO(dump(loaded.diagnostics));
  CHECK(loaded.diagnostics.empty());
  std::vector<std::string> ids;
  for (const auto& p : loaded.catalogue.profiles) ids.push_back(p.id);
  CHECK(ids == std::vector<std::string>{"p8", "p8b", "p9", "p10"});
  CHECK(dockcis::engine::default_profile(loaded.catalogue, "28.2.2")->id == "p10");

  for (const auto* version : {"v1.10.0", "1..8", "1.8.", "", "1.8-rc1"}) {
    CAPTURE(version);
    const auto refused = load_catalogue_from(test_catalogue::check_files(), {profile("p", version)});
    CHECK(has_diagnostic(refused.diagnostics, "/benchmark_version", "is not a version"));
  }
}

TEST_CASE("profiles must reference existing checks and declare their parameters") {
  const char* profile = R"({
    "schema": "dockcis.profile/v1", "id": "p", "title": "P", "benchmark_version": "1.0.0", "docker_min": "0",
    "sections": [{"id": "1", "title": "Host"}],
    "recommendations": [
      {"id": "1.1", "key": "host.docker_grup", "title": "x", "level": 1, "assessment": "manual"},
      {"id": "1.2", "key": "host.docker_group", "title": "x", "level": 3, "assessment": "sometimes"},
      {"id": "1.2", "key": "daemon.live_restore", "title": "x", "level": 1, "assessment": "manual"},
      {"id": "2.1", "key": "swarm.autolock", "title": "x", "level": 1, "assessment": "manual"}
    ]})";
  const auto loaded = load_catalogue_from(test_catalogue::check_files(), {{"profiles/p.json", profile}});
  const auto& d = loaded.diagnostics;
  INFO(dump(d));
  CHECK(has_diagnostic(d, "/recommendations/0/key", "no check has the key 'host.docker_grup'", "did you mean 'host.docker_group'?"));
  CHECK(has_diagnostic(d, "/recommendations/1/level", "must be 1 or 2"));
  CHECK(has_diagnostic(d, "/recommendations/1/assessment", "must be"));
  CHECK(has_diagnostic(d, "/recommendations/2/id", "duplicate id '1.2'"));
  CHECK(has_diagnostic(d, "/recommendations/3/id", "section '2' is not in 'sections'"));
  CHECK(has_diagnostic(d, "/parameters", "uses parameter 'trusted_users'"));
}

TEST_CASE("manual checks must show evidence; automated checks need a test") {
  const char* checks = R"({"schema": "dockcis.checks/v1", "checks": [
      {"key": "m", "title": "t", "description": "d", "remediation": "r", "mode": "manual"},
      {"key": "a", "title": "t", "description": "d", "remediation": "r"}]})";
  const auto loaded = load_catalogue_from({{"c.json", checks}}, {});
  CHECK(has_diagnostic(loaded.diagnostics, "/checks/0", "must list the 'evidence'"));
  CHECK(has_diagnostic(loaded.diagnostics, "/checks/1", "needs a 'test'"));
}
