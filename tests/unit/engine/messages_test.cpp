// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>

#include "engine/evaluate.hpp"
#include "engine/loader.hpp"
#include "engine/messages.hpp"

using namespace dockcis;
using model::json;
using model::State;

TEST_CASE("values are short text, never JSON") {
  CHECK(engine::render_value(true) == "on");
  CHECK(engine::render_value(false) == "off");
  CHECK(engine::render_value(json()) == "not set");
  CHECK(engine::render_value("") == "empty");
  CHECK(engine::render_value(json::array()) == "none");
  CHECK(engine::render_value(json::array({"NET_RAW", "SYS_ADMIN"})) == "NET_RAW, SYS_ADMIN");
  CHECK(engine::render_value(json{{"exists", true}, {"owner", "root"}, {"group", "docker"}, {"mode", 0660}}) ==
        "owner root:docker, mode 0660");
  CHECK(engine::render_value(json{{"exists", true}, {"uid", 0}, {"gid", 0}, {"mode_octal", "644"}}) == "owner 0:0, mode 0644");
  CHECK(engine::render_value(json{{"exists", false}, {"path", "/etc/docker/daemon.json"}}) == "absent");
  json many = json::array();
  for (int i = 0; i < 12; ++i) many.push_back(i);
  CHECK(engine::render_value(many) == "0, 1, 2, 3, 4, 5, 6, 7 and 4 more");
  const auto nested = engine::render_value(json::array({json{{"Name", "nofile"}, {"Soft", 10}}}));
  CHECK(nested.find('{') == std::string::npos);
  CHECK(nested == "Name nofile, Soft 10");
  // A text in a sentence is cut after 1 KiB.
  CHECK(engine::render_value(std::string(1024, 'v')) == std::string(1024, 'v'));
  CHECK(engine::render_value(std::string(1'000'000, 'v')) == std::string(1024, 'v') + "\xe2\x80\xa6");
  CHECK(engine::render_value(json::array({std::string(5000, 'w')})) == std::string(1024, 'w') + "\xe2\x80\xa6");
  // Keys too, and a list or an object stops after about 1 KiB of text.
  CHECK(engine::render_value(json{{std::string(5000, 'k'), 1}}) == std::string(1024, 'k') + "\xe2\x80\xa6 1");
  const json wide = json::array({std::string(800, 'a'), std::string(800, 'b'), std::string(800, 'c'), "d"});
  CHECK(engine::render_value(wide) == std::string(800, 'a') + ", " + std::string(800, 'b') + " and 2 more");
  json keyed = json::object();
  for (const char c : {'a', 'b', 'c'}) keyed[std::string(800, c)] = true;
  CHECK(engine::render_value(keyed) == std::string(800, 'a') + " on, " + std::string(800, 'b') + " on and 1 more");
  // A list in a list is told by its size: nesting in a value never nests the phrasing.
  json deep = json::array();
  for (int i = 0; i < 60; ++i) deep = json::array({deep, 1});
  CHECK(engine::render_value(deep) == "a list of 2 items, 1");
  CHECK(engine::render_value(json::array({json::array({1})})) == "a list of 1 item");
}

TEST_CASE("templates: known placeholders only, filled from slots") {
  CHECK(engine::check_template("No audit rule watches {path}").empty());
  CHECK(engine::check_template("{pth} is open").find("unknown placeholder {pth}") != std::string::npos);
  CHECK(engine::check_template("{path is open").find("without a closing") != std::string::npos);
  CHECK(engine::check_template("path} is open").find("without a '{'") != std::string::npos);
  CHECK(engine::fill_template("{object} is {value}", {{engine::Slot::object, "the icc option"}, {engine::Slot::value, "on"}}) == "the icc option is on");
  // Braces that are not placeholders stay text: a remediation's find command.
  CHECK(engine::fill_template("find {path} -exec chmod a-s {} +", {{engine::Slot::path, "/x"}}) == "find /x -exec chmod a-s {} +");
  CHECK(engine::check_remediation("find / -perm /6000 -exec chmod a-s {} +").empty());
  CHECK(engine::check_remediation("chmod 644 {file}").find("{file}") != std::string::npos);
}

TEST_CASE("slots: set or not, by placeholder name") {
  CHECK(engine::slot_named("config_file") == engine::Slot::config_file);
  CHECK_FALSE(engine::slot_named("file"));
  engine::Slots slots{{engine::Slot::path, "/x"}};
  CHECK(slots.find(engine::Slot::detail) == nullptr);
  CHECK(slots.get(engine::Slot::detail).empty());
  slots[engine::Slot::detail] += "gone";
  REQUIRE(slots.find(engine::Slot::detail) != nullptr);
  CHECK(*slots.find(engine::Slot::detail) == "gone");
  // A slot set to nothing still replaces; one not set does not.
  engine::Slots host{{engine::Slot::path, "/y"}, {engine::Slot::dockerd, "/usr/bin/dockerd"}};
  host.assign_from(engine::Slots{{engine::Slot::path, ""}});
  CHECK(host.get(engine::Slot::path).empty());
  CHECK(host.get(engine::Slot::dockerd) == "/usr/bin/dockerd");
  CHECK(engine::fill_template("[{path}] [{detail}] {x}", host) == "[] [] {x}");
}

TEST_CASE("slots over a predicate's constant ones read them, and change only their own") {
  const engine::Slots constant{{engine::Slot::label, "icc option"}, {engine::Slot::required, "off"}};
  auto slots = engine::Slots::over(constant);
  CHECK(slots.get(engine::Slot::label) == "icc option");
  CHECK(slots.find(engine::Slot::detail) == nullptr);
  // Writing starts from what was read; the constant slots stay as they were.
  slots[engine::Slot::required] = "not " + slots.get(engine::Slot::required);
  slots[engine::Slot::label] += " (daemon)";
  CHECK(slots.get(engine::Slot::required) == "not off");
  CHECK(slots.get(engine::Slot::label) == "icc option (daemon)");
  CHECK(constant.get(engine::Slot::required) == "off");
  CHECK(constant.get(engine::Slot::label) == "icc option");
  // A copy reads the same base; taking slots over carries the base's values too.
  const auto copied = slots;
  CHECK(copied.get(engine::Slot::required) == "not off");
  engine::Slots host{{engine::Slot::dockerd, "/usr/bin/dockerd"}};
  host.assign_from(engine::Slots::over(constant));
  CHECK(host.get(engine::Slot::label) == "icc option");
  CHECK(host.get(engine::Slot::dockerd) == "/usr/bin/dockerd");
  // The predicate's slots over its constant ones are those made whole.
  model::Predicate predicate{"daemon.config", "/options/icc/value", "", "eq", false, "", "", std::nullopt, "icc option"};
  const json document{{"config_file", {{"path", "/etc/docker/daemon.json"}}}, {"conflicts", {"icc"}},
                      {"file", {{"icc", true}}}, {"options", {{"icc", {{"value", false}, {"source", "flag"}}}}}};
  const auto constant_of_predicate = engine::predicate_constant_slots(predicate, false);
  const auto layered = engine::predicate_slots(constant_of_predicate, predicate, &document, true);
  const auto whole = engine::predicate_slots(predicate, &document, true, false);
  for (const auto name : engine::kSlotNames) {
    const auto slot = *engine::slot_named(name);
    CHECK(layered.get(slot) == whole.get(slot));
  }
  CHECK(layered.get(engine::Slot::source) == "set on dockerd's command line; /etc/docker/daemon.json also sets it, to on");
}

TEST_CASE("a daemon option's slots say where it was set") {
  model::Predicate predicate{"daemon.config", "/options/icc/value", "", "eq", false, "", "", std::nullopt, "icc option"};
  const json document{{"config_file", {{"path", "/etc/docker/daemon.json"}}},
                      {"options", {{"icc", {{"value", true}, {"source", "file"}}}}}};
  const auto slots = engine::predicate_slots(predicate, &document, true, false);
  CHECK(slots.get(engine::Slot::option) == "icc");
  CHECK(slots.get(engine::Slot::source) == "set in /etc/docker/daemon.json");
  CHECK(slots.get(engine::Slot::value) == "on");
  CHECK(slots.get(engine::Slot::required) == "off");
  CHECK(engine::default_reason(State::fail, slots, false) == "icc option is on; required: off");
}

TEST_CASE("host slots name the running dockerd and the daemon.json it reads, else dockerd's defaults") {
  const json config{{"config_file", {{"path", "/srv/docker.json"}}}, {"process", {{"exe", "/usr/sbin/dockerd"}}}};
  const auto found = engine::host_slots(&config);
  CHECK(found.get(engine::Slot::config_file) == "/srv/docker.json");
  CHECK(found.get(engine::Slot::dockerd) == "/usr/sbin/dockerd");
  const auto fallback = engine::host_slots(nullptr);
  CHECK(fallback.get(engine::Slot::config_file) == "/etc/docker/daemon.json");
  CHECK(fallback.get(engine::Slot::dockerd) == "$(command -v dockerd)");
}

namespace {
const char* kChecks = R"json({
  "schema": "dockcis.checks/v1",
  "checks": [
    {"key": "audit.dockerd", "title": "Audit dockerd", "description": "d",
     "remediation": "Add -w {path} -k docker to /etc/audit/rules.d/docker.rules. Check: auditctl -l | grep {path}",
     "message": {"object": "the audit rules for {path}", "fail": "No audit rule watches {path} (the running dockerd)"},
     "test": {"fact": "host.audit:${bin:dockerd}", "select": "/watched", "op": "eq", "value": true}},
    {"key": "daemon.icc", "title": "icc", "description": "d", "remediation": "Set icc false in {config_file}.",
     "message": {"object": "the icc option", "fail": "The icc option is {value} ({source}); required: {required}"},
     "test": {"fact": "daemon.config", "select": "/options/icc/value", "op": "eq", "value": false}},
    {"key": "container.privileged", "title": "priv", "description": "d", "remediation": "r", "for_each": "containers",
     "message": {"object": "the container's privileged mode", "fail": "The container runs privileged"},
     "test": {"fact": "container.inspect", "select": "/HostConfig/Privileged", "op": "eq", "value": false}}
  ]})json";
}  // namespace

TEST_CASE("an unknown placeholder is a load error with file and pointer") {
  const char* broken = R"({"schema": "dockcis.checks/v1", "checks": [
    {"key": "a.one", "title": "t", "description": "d", "remediation": "chmod 644 {file}",
     "message": {"object": "{object}", "fail": "{pth} is open", "notapplicable": "{path"},
     "test": {"fact": "engine.info", "select": "/Debug", "op": "eq", "value": false}}]})";
  const auto loaded = engine::load_catalogue_from({{"checks/broken.json", broken}}, {});
  const auto has = [&](const std::string& pointer, const std::string& text) {
    return std::ranges::any_of(loaded.diagnostics, [&](const engine::Diagnostic& d) {
      return d.file == "checks/broken.json" && d.pointer == pointer && d.message.find(text) != std::string::npos;
    });
  };
  CHECK(has("/checks/0/message/fail", "unknown placeholder {pth}"));
  CHECK(has("/checks/0/message/notapplicable", "without a closing"));
  CHECK(has("/checks/0/message/object", "cannot use {object}"));
  CHECK(has("/checks/0/remediation", "unknown placeholder {file}"));
}

TEST_CASE("reasons and remediation carry the host's own values") {
  const auto loaded = engine::load_catalogue_from({{"checks/c.json", kChecks}}, {});
  REQUIRE(loaded.diagnostics.empty());
  model::FactStore facts;
  facts.set("host.audit:${bin:dockerd}", json{{"path", "/usr/sbin/dockerd"}, {"watched", false}});
  facts.set("daemon.config", json{{"config_file", {{"path", "/etc/docker/daemon.json"}}},
                                  {"process", {{"exe", "/usr/sbin/dockerd"}}},
                                  {"options", {{"icc", {{"value", true}, {"source", "flag"}}}}}});
  facts.set("engine.containers", json::array({{{"Id", "c1"}, {"Names", {"/web"}}, {"State", "running"}},
                                              {{"Id", "c2"}, {"Names", {"/db"}}, {"State", "running"}},
                                              {{"Id", "c3"}, {"Names", {"/ok"}}, {"State", "running"}}}));
  facts.set("container/c1/inspect", json{{"HostConfig", {{"Privileged", true}}}});
  facts.set("container/c2/inspect", json{{"HostConfig", {{"Privileged", true}}}});
  facts.set("container/c3/inspect", json{{"HostConfig", {{"Privileged", false}}}});
  const json parameters = json::object();
  const engine::EvalContext context{facts, parameters, false};
  const auto run = [&](const std::string& key) {
    model::Recommendation recommendation;
    recommendation.id = "1";
    recommendation.key = key;
    return engine::evaluate_check(loaded.catalogue.checks.at(key), recommendation, context);
  };
  const auto audit = run("audit.dockerd");
  CHECK(audit.state == State::fail);
  CHECK(audit.reason == "No audit rule watches /usr/sbin/dockerd (the running dockerd)");
  CHECK(audit.remediation == "Add -w /usr/sbin/dockerd -k docker to /etc/audit/rules.d/docker.rules. Check: auditctl -l | grep /usr/sbin/dockerd");
  const auto icc = run("daemon.icc");
  CHECK(icc.reason == "The icc option is on (set on dockerd's command line); required: off");
  CHECK(icc.remediation == "Set icc false in /etc/docker/daemon.json.");
  const auto privileged = run("container.privileged");
  CHECK(privileged.state == State::fail);
  CHECK(privileged.reason == "The container runs privileged (2 of 3 containers)");
  CHECK(privileged.instances.at(0).reason == "The container runs privileged");
  facts.set("host.audit:${bin:dockerd}", std::unexpected(model::Unavailable{"permission denied", model::ErrorKind::permission_denied}));
  const auto unreadable = run("audit.dockerd");
  CHECK(unreadable.state == State::error);
  CHECK(unreadable.reason == "Could not read the audit rules for the dockerd binary: permission denied");
  CHECK(unreadable.remediation.find("grep PATH (the dockerd binary)") != std::string::npos);
}

TEST_CASE("conflicting sources of a daemon option are shown side by side") {
  model::Predicate predicate{"daemon.config", "/options/icc/value", "", "eq", false, "", "", std::nullopt, "icc option"};
  const json conflicting{{"config_file", {{"path", "/etc/docker/daemon.json"}}}, {"conflicts", {"icc"}},
                         {"file", {{"icc", true}}}, {"options", {{"icc", {{"value", false}, {"source", "flag"}}}}}};
  CHECK(engine::predicate_slots(predicate, &conflicting, false, false).get(engine::Slot::source) ==
        "set on dockerd's command line; /etc/docker/daemon.json also sets it, to on");
  const json edited{{"config_file", {{"path", "/etc/docker/daemon.json"}}}, {"file_newer_than_daemon", true},
                    {"options", {{"icc", {{"value", true}, {"source", "file"}}}}}};
  CHECK(engine::predicate_slots(predicate, &edited, true, false).get(engine::Slot::source) ==
        "set in /etc/docker/daemon.json; /etc/docker/daemon.json changed after dockerd started, so the running daemon may still use an older value");
}
