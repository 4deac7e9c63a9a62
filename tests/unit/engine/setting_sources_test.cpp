// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "engine/evaluate.hpp"
#include "engine/setting_sources.hpp"

using namespace dockcis;
using model::json;
using model::State;

namespace {

model::Test predicate(const std::string& fact, const std::string& select, json value, std::optional<State> if_missing = {}) {
  model::Test test;
  test.predicate = {fact, select, "", "eq", std::move(value), "", "", if_missing, ""};
  return test;
}

model::Test combine(model::Test::Kind kind, std::vector<model::Test> children) {
  model::Test test;
  test.kind = kind;
  test.children = std::move(children);
  return test;
}

// live-restore as the catalogue reads it: the engine first, the configuration when it does not say.
model::Check live_restore() {
  model::Check check;
  check.key = "daemon.live_restore";
  check.test = combine(model::Test::Kind::first_of,
                       {predicate("engine.info", "/LiveRestoreEnabled", true, State::notapplicable),
                        predicate("daemon.config", "/options/live-restore/value", true)});
  return check;
}

model::Check icc() {
  model::Check check;
  check.key = "daemon.icc";
  check.test = predicate("daemon.config", "/options/icc/value", false);
  return check;
}

json config(json options, json file, json flags, bool newer, json conflicts = json::array()) {
  return {{"options", std::move(options)},
          {"file", std::move(file)},
          {"flags", std::move(flags)},
          {"conflicts", std::move(conflicts)},
          {"config_file", {{"path", "/etc/docker/daemon.json"}, {"exists", true}}},
          {"defaults", {{"icc", true}, {"live-restore", false}}},
          {"file_newer_than_daemon", newer}};
}

struct Run {
  model::FactStore facts;
  json parameters = json::object();
  model::CheckResult operator()(const model::Check& check) {
    const engine::EvalContext context{facts, parameters};
    model::Recommendation recommendation;
    recommendation.id = "2.1";
    recommendation.key = check.key;
    return engine::evaluate_check(check, recommendation, context);
  }
};

const model::SettingSource& source(const model::Setting& setting, const std::string& kind) {
  for (const auto& item : setting.sources) {
    if (item.source == kind) return item;
  }
  FAIL("no source " << kind);
  static const model::SettingSource none;
  return none;
}

}  // namespace

TEST_CASE("setting: the running engine decides; daemon.json edited since dockerd started disagrees") {
  Run run;
  run.facts.set("engine.info", json{{"LiveRestoreEnabled", false}});
  run.facts.set("daemon.config", config({{"live-restore", {{"value", true}, {"source", "file"}}}}, {{"live-restore", true}},
                                        json::object(), true));
  const auto result = run(live_restore());
  CHECK(result.state == State::fail);
  REQUIRE(result.setting);
  const auto& setting = *result.setting;
  CHECK(setting.option == "live-restore");
  CHECK(setting.decided_by == "engine");
  CHECK(setting.value == false);
  CHECK(setting.conflict);
  CHECK(setting.file_changed_after_start);
  REQUIRE(setting.sources.size() == 3);
  CHECK(setting.sources[0].source == "engine");
  CHECK(setting.sources[0].where == "docker info: LiveRestoreEnabled");
  CHECK(setting.sources[0].decides);
  CHECK(setting.sources[1].source == "file");
  CHECK(setting.sources[1].where == "/etc/docker/daemon.json");
  CHECK(setting.sources[1].value == true);
  CHECK(setting.sources[1].disagrees);
  CHECK(setting.sources[1].changed_after_start);
  CHECK(setting.sources[2].source == "default");
  CHECK_FALSE(setting.sources[2].disagrees);
  const auto document = model::to_json(result);
  CHECK(document.at("setting").at("decided_by") == "engine");
  CHECK(document.at("setting").at("sources").size() == 3);
}

TEST_CASE("setting: an engine that does not report the option leaves it to the configuration") {
  Run run;
  run.facts.set("engine.info", json::object());
  run.facts.set("daemon.config", config({{"live-restore", {{"value", true}, {"source", "flag"}}}}, json::object(),
                                        {{"--live-restore", {"true"}}}, false));
  const auto result = run(live_restore());
  CHECK(result.state == State::pass);
  REQUIRE(result.setting);
  CHECK(result.setting->decided_by == "flag");
  CHECK(source(*result.setting, "engine").note == "the engine does not report it");
  CHECK(source(*result.setting, "engine").value.is_null());
  CHECK(source(*result.setting, "flag").where == "--live-restore=true");
  CHECK(source(*result.setting, "flag").decides);
  // Overriding the default is what a flag is for: no conflict.
  CHECK_FALSE(source(*result.setting, "default").disagrees);
  CHECK_FALSE(result.setting->conflict);
}

TEST_CASE("setting: a flag and daemon.json disagreeing, the file edited after start") {
  Run run;
  run.facts.set("daemon.config", config({{"icc", {{"value", false}, {"source", "flag"}}}}, {{"icc", true}}, {{"--icc", {"false"}}},
                                        true, json::array({"icc"})));
  const auto result = run(icc());
  CHECK(result.state == State::pass);
  REQUIRE(result.setting);
  const auto& setting = *result.setting;
  CHECK(setting.decided_by == "flag");
  CHECK(setting.value == false);
  CHECK(setting.conflict);
  CHECK(setting.file_changed_after_start);
  CHECK(source(setting, "flag").where == "--icc=false");
  CHECK(source(setting, "file").disagrees);
  CHECK(source(setting, "file").note.find("refuses to start") != std::string::npos);
}

TEST_CASE("setting: the same value as a flag and in daemon.json is still a conflict dockerd will not start with") {
  Run run;
  run.facts.set("daemon.config", config({{"icc", {{"value", false}, {"source", "flag"}}}}, {{"icc", false}}, {{"--icc", {"false"}}},
                                        false, json::array({"icc"})));
  const auto result = run(icc());
  REQUIRE(result.setting);
  CHECK_FALSE(source(*result.setting, "file").disagrees);
  CHECK(result.setting->conflict);
  CHECK_FALSE(result.setting->file_changed_after_start);
}

TEST_CASE("setting: flags read from the unit when no dockerd runs; the default when nothing sets it") {
  Run run;
  run.facts.set("daemon.config", config({{"icc", {{"value", false}, {"source", "unit"}}}}, json::object(), {{"--icc", {"false"}}}, false));
  auto result = run(icc());
  REQUIRE(result.setting);
  CHECK(result.setting->decided_by == "unit");
  CHECK(source(*result.setting, "unit").where == "docker.service ExecStart: --icc=false");

  run.facts.set("daemon.config", config({{"icc", {{"value", true}, {"source", "default"}}}}, json::object(), json::object(), false));
  result = run(icc());
  REQUIRE(result.setting);
  CHECK(result.setting->decided_by == "default");
  CHECK(result.setting->value == true);
  REQUIRE(result.setting->sources.size() == 1);
  CHECK_FALSE(result.setting->conflict);
}

TEST_CASE("setting: a snapshot without defaults, an unreadable configuration, and checks about no daemon option") {
  Run run;
  run.facts.set("daemon.config", json{{"options", {{"icc", {{"value", true}, {"source", "default"}}}}}});
  auto result = run(icc());
  REQUIRE(result.setting);
  CHECK(result.setting->decided_by == "default");
  CHECK(result.setting->value == true);

  run.facts.set("engine.info", json{{"LiveRestoreEnabled", true}});
  run.facts.set("daemon.config", std::unexpected(model::Unavailable{"permission denied reading /etc/docker/daemon.json"}));
  result = run(live_restore());
  REQUIRE(result.setting);
  CHECK(result.setting->decided_by == "engine");
  CHECK(result.setting->note.find("permission denied") != std::string::npos);

  model::Check rootless;
  rootless.key = "daemon.rootless";
  rootless.test = predicate("engine.info", "/SecurityOptions", json::array());
  CHECK_FALSE(run(rootless).setting);
  auto per_container = icc();
  per_container.for_each = "containers";
  CHECK_FALSE(engine::setting_of(per_container, engine::EvalContext{run.facts, run.parameters}, {}));
}

TEST_CASE("setting: the option the deciding predicate read, else the first one the test reads") {
  const auto test = combine(model::Test::Kind::all, {predicate("daemon.config", "/options/tlsverify/value", true),
                                                     predicate("daemon.config", "/options/tlscacert/value", "x"),
                                                     predicate("daemon.config", "/options/tlsverify/value", true)});
  CHECK(engine::options_read(test) == std::vector<std::string>{"tlsverify", "tlscacert"});
  model::Check check;
  check.key = "daemon.tls";
  check.test = test;
  model::FactStore facts;
  facts.set("daemon.config", config(json::object(), json::object(), json::object(), false));
  const json parameters = json::object();
  const engine::EvalContext context{facts, parameters};
  CHECK(engine::setting_of(check, context, {{engine::Slot::option, "tlscacert"}})->option == "tlscacert");
  CHECK(engine::setting_of(check, context, {})->option == "tlsverify");
  CHECK(engine::setting_of(check, context, {{engine::Slot::option, "elsewhere"}})->option == "tlsverify");
}
