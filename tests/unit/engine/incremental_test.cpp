// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "engine/incremental.hpp"
#include "engine/waivers.hpp"
#include "test_catalogue.hpp"

using namespace dockcis;
using model::json;
using model::State;

namespace {

engine::Catalogue catalogue() {
  return engine::load_catalogue_from(test_catalogue::check_files(), test_catalogue::profile_files()).catalogue;
}

engine::AuditSettings settings() {
  engine::AuditSettings settings;
  settings.params = {"trusted_users=alice"};
  settings.clock = [] { return std::chrono::sys_days{std::chrono::year{2026} / 6 / 1}; };
  return settings;
}

json entry(const std::string& id, const std::string& name, const std::string& state = "created") {
  return {{"Id", id}, {"Names", {"/" + name}}, {"Image", "img"}, {"State", state}, {"Labels", json::object()}};
}

json inspect(bool privileged) { return {{"HostConfig", {{"Privileged", privileged}}}}; }

// What watch reads for one container: here its inspect only.
model::FactStore read_of(const std::string& id, model::Fact inspect) {
  model::FactStore read;
  read.set(model::instance_key("container.inspect", id), std::move(inspect));
  return read;
}

model::FactStore host(const std::vector<std::pair<json, bool>>& containers) {
  model::FactStore facts;
  facts.set("engine.info", json{{"LiveRestoreEnabled", false}, {"Swarm", {{"LocalNodeState", "inactive"}}}});
  facts.set("daemon.config", json{{"options", json::object()}});
  facts.set("host.file:${unit:docker.service}", json{{"path", "/lib/systemd/system/docker.service"}, {"exists", true}, {"mode", 0644}});
  facts.set("host.group:docker", json{{"exists", true}, {"members", json::array({"alice"})}});
  facts.set("engine.images", json::array());
  json list = json::array();
  for (const auto& [listed, privileged] : containers) {
    list.push_back(listed);
    facts.set(model::instance_key("container", listed["Id"].get<std::string>(), "inspect"), inspect(privileged));
  }
  facts.set("engine.containers", list);
  return facts;
}

const model::CheckResult& result_of(const model::Report& report, const std::string& key) {
  const auto found = std::ranges::find(report.results, key, &model::CheckResult::key);
  REQUIRE(found != report.results.end());
  return *found;
}

// The incremental state must be what a full audit of the same facts gives.
void check_same_as_full(const engine::IncrementalAudit& audit, const engine::Catalogue& against = catalogue()) {
  const auto full = engine::audit(against, audit.facts(), settings());
  REQUIRE(full);
  REQUIRE(full->results.size() == audit.report().results.size());
  for (std::size_t i = 0; i < full->results.size(); ++i) {
    const auto& want = full->results[i];
    const auto& got = audit.report().results[i];
    CAPTURE(want.key);
    CHECK(got.state == want.state);
    REQUIRE(got.instances.size() == want.instances.size());
    for (std::size_t j = 0; j < want.instances.size(); ++j) {
      CHECK(got.instances[j].id() == want.instances[j].id());
      CHECK(got.instances[j].state == want.instances[j].state);
    }
  }
  CHECK(audit.report().summary.counts == full->summary.counts);
  CHECK(audit.report().summary.total.pass == full->summary.total.pass);
  CHECK(audit.report().summary.total.fail == full->summary.total.fail);
  CHECK(audit.report().summary.total.error == full->summary.total.error);
  CHECK(audit.report().summary.before_waivers.fail == full->summary.before_waivers.fail);
}

}  // namespace

TEST_CASE("watch: the first full audit tells every failing result as new") {
  engine::IncrementalAudit audit(catalogue(), settings());
  const auto changes = audit.full(host({{entry("c1", "web"), true}, {entry("c2", "db"), false}}));
  REQUIRE(changes);
  const auto privileged = std::ranges::find(*changes, "container.privileged", &engine::ResultChange::check_key);
  REQUIRE(privileged != changes->end());
  CHECK(privileged->instance_id == "c1");
  CHECK(privileged->instance_name == "web");
  CHECK_FALSE(privileged->old_state);
  CHECK(privileged->new_state == State::fail);
  CHECK(privileged->cis_id == "5.5");
  CHECK(privileged->evidence.front().actual == true);
  CHECK(std::ranges::none_of(*changes, [](const auto& c) { return c.instance_id == "c2"; }));
  // The same facts again change nothing.
  const auto again = audit.full(host({{entry("c1", "web"), true}, {entry("c2", "db"), false}}));
  REQUIRE(again);
  CHECK(again->empty());
}

TEST_CASE("watch: a privileged container created gives its failure, its removal the resolution") {
  engine::IncrementalAudit audit(catalogue(), settings());
  REQUIRE(audit.full(host({{entry("c2", "db"), false}})));
  CHECK(result_of(audit.report(), "container.privileged").state == State::pass);

  const auto created = audit.container_read(entry("c1", "web"), read_of("c1", inspect(true)));
  REQUIRE(created.size() == 1);
  CHECK(created[0].check_key == "container.privileged");
  CHECK(created[0].instance_id == "c1");
  CHECK_FALSE(created[0].old_state);
  CHECK(created[0].new_state == State::fail);
  CHECK(result_of(audit.report(), "container.privileged").state == State::fail);
  CHECK(audit.knows_container("c1"));
  check_same_as_full(audit);

  const auto fixed = audit.container_read(entry("c1", "web", "running"), read_of("c1", inspect(false)));
  REQUIRE(fixed.size() == 1);
  CHECK(fixed[0].old_state == State::fail);
  CHECK(fixed[0].new_state == State::pass);
  check_same_as_full(audit);

  CHECK(audit.container_read(entry("c1", "web", "running"), read_of("c1", inspect(false))).empty());
  REQUIRE(audit.container_read(entry("c1", "web"), read_of("c1", inspect(true))).size() == 1);
  const auto gone = audit.container_gone("c1");
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].old_state == State::fail);
  CHECK_FALSE(gone[0].new_state);
  CHECK_FALSE(audit.knows_container("c1"));
  CHECK(audit.facts().find(model::instance_key("container", "c1", "inspect")) == nullptr);
  check_same_as_full(audit);
  CHECK(audit.container_gone("c1").empty());
}

TEST_CASE("watch: a container that could not be inspected is an error, told as new") {
  engine::IncrementalAudit audit(catalogue(), settings());
  REQUIRE(audit.full(host({})));
  CHECK(result_of(audit.report(), "container.privileged").state == State::notapplicable);
  const auto changes = audit.container_read(
      entry("c1", "web"), read_of("c1", std::unexpected(model::Unavailable{"HTTP 500", model::ErrorKind::daemon_error})));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].new_state == State::error);
  check_same_as_full(audit);
}

// The settings with a waiver of 5.5 for the container named "web".
engine::AuditSettings settings_waiving_web() {
  auto with_waiver = settings();
  auto waivers = engine::parse_waivers(json::parse(R"({"schema": "dockcis.waivers/v1", "waivers": [
    {"id": "W1", "check": "container.privileged", "instance": {"name": "web"}, "justification": "monitoring agent",
     "approver": "sec", "expires": "2027-01-01"}]})"),
                                       "waivers.json", false);
  REQUIRE(waivers);
  with_waiver.waivers = *waivers;
  return with_waiver;
}

TEST_CASE("watch: waivers apply to a container judged on its own") {
  const auto with_waiver = settings_waiving_web();
  engine::IncrementalAudit audit(catalogue(), with_waiver);
  REQUIRE(audit.full(host({})));
  CHECK(audit.container_read(entry("c1", "web"), read_of("c1", inspect(true))).empty());
  const auto& result = result_of(audit.report(), "container.privileged");
  REQUIRE(result.instances.size() == 1);
  CHECK(result.instances[0].state == State::waived);
  CHECK(result.state == State::waived);
  const auto other = audit.container_read(entry("c2", "db"), read_of("c2", inspect(true)));
  REQUIRE(other.size() == 1);
  CHECK(other[0].instance_name == "db");
  CHECK(result_of(audit.report(), "container.privileged").state == State::fail);
}

TEST_CASE("watch: facts of other kinds read again re-evaluate only their checks") {
  engine::IncrementalAudit audit(catalogue(), settings());
  REQUIRE(audit.full(host({})));
  model::FactStore fresh;
  fresh.set("host.group:docker", json{{"exists", true}, {"members", json::array({"alice", "mallory"})}});
  const auto changes = audit.kinds_read(std::move(fresh));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].check_key == "host.docker_group");
  CHECK(changes[0].old_state == State::pass);
  CHECK(changes[0].new_state == State::fail);
  CHECK(changes[0].instance_id.empty());
  check_same_as_full(audit);
}

TEST_CASE("watch: nothing is evaluated before the first full audit") {
  engine::IncrementalAudit audit(catalogue(), settings());
  CHECK(audit.container_read(entry("c1", "web"), read_of("c1", inspect(true))).empty());
  CHECK_FALSE(audit.has_report());
}

// 5.28 alone: a check on a kind derived per container (container.image_tag).
engine::Catalogue image_tag_catalogue() {
  const auto* checks = R"({"schema": "dockcis.checks/v1", "checks": [
    {"key": "container.latest_image", "title": "Current images", "for_each": "containers", "description": "d", "remediation": "r",
     "test": {"fact": "container.image_tag", "select": "/current", "op": "eq", "value": true}}]})";
  const auto* profile = R"({"schema": "dockcis.profile/v1", "id": "cis-test-1.0.0", "title": "Test", "benchmark_version": "1.0.0",
    "docker_min": "0", "sections": [{"id": "5", "title": "Runtime"}],
    "parameters": {"trusted_users": {"default": [], "description": "as in the shared test catalogue"}},
    "recommendations": [{"id": "5.28", "key": "container.latest_image", "title": "Current images", "level": 1, "assessment": "manual"}]})";
  return engine::load_catalogue_from({{"checks/tag.json", checks}}, {{"profiles/tag.json", profile}}).catalogue;
}

TEST_CASE("watch: every per-container kind read again replaces the old one, and none outlives its container") {
  engine::IncrementalAudit audit(image_tag_catalogue(), settings());
  auto facts = host({{entry("c1", "web"), false}});
  const auto tag = [](bool current) {
    return json{{"kind", "tag"}, {"reference", "app:1"}, {"tag", "app:1"}, {"image", "sha256:a"},
                {"tag_image", current ? "sha256:a" : "sha256:b"}, {"current", current}};
  };
  facts.set(model::instance_key("container.image_tag", "c1"), tag(true));
  REQUIRE(audit.full(std::move(facts)));
  CHECK(result_of(audit.report(), "container.latest_image").state == State::pass);

  // The tag moved: the derived fact read with the container decides 5.28 at once.
  auto read = read_of("c1", inspect(false));
  read.set(model::instance_key("container.image_tag", "c1"), tag(false));
  const auto changes = audit.container_read(entry("c1", "web"), read);
  const auto moved = std::ranges::find(changes, "container.latest_image", &engine::ResultChange::check_key);
  REQUIRE(moved != changes.end());
  CHECK(moved->new_state == State::fail);
  check_same_as_full(audit, image_tag_catalogue());

  // A read without it does not keep the old value: the check cannot decide.
  (void)audit.container_read(entry("c1", "web"), read_of("c1", inspect(false)));
  CHECK(audit.facts().find(model::instance_key("container.image_tag", "c1")) == nullptr);
  check_same_as_full(audit, image_tag_catalogue());

  (void)audit.container_gone("c1");
  CHECK(audit.facts().find(model::instance_key("container.inspect", "c1")) == nullptr);
  check_same_as_full(audit, image_tag_catalogue());
}

TEST_CASE("watch: a batch of containers read and removed ends where a full audit of the same facts does") {
  engine::IncrementalAudit audit(catalogue(), settings());
  REQUIRE(audit.full(host({{entry("c3", "old"), true}, {entry("c4", "kept"), false}})));
  std::vector<engine::ContainerChange> batch;
  batch.push_back({"c1", entry("c1", "web"), read_of("c1", inspect(true))});
  batch.push_back({"c2", entry("c2", "db"), read_of("c2", inspect(true))});
  batch.push_back({"c3", std::nullopt, {}});
  // Read twice in one batch: the later reading counts.
  batch.push_back({"c2", entry("c2", "db"), read_of("c2", inspect(false))});
  // Never listed, so nothing to drop; and an entry naming another container than the change.
  batch.push_back({"c9", std::nullopt, {}});
  batch.push_back({"c5", entry("c6", "other"), read_of("c5", inspect(true))});
  const auto changes = audit.containers_changed(std::move(batch));
  check_same_as_full(audit);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].instance_id == "c1");
  CHECK(changes[0].new_state == State::fail);
  CHECK(changes[1].instance_id == "c3");
  CHECK_FALSE(changes[1].new_state);
  CHECK(audit.knows_container("c1"));
  CHECK(audit.knows_container("c2"));
  CHECK(audit.knows_container("c4"));
  CHECK_FALSE(audit.knows_container("c3"));
  CHECK_FALSE(audit.knows_container("c5"));
  CHECK_FALSE(audit.knows_container("c6"));
  CHECK(audit.facts().find(model::instance_key("container", "c3", "inspect")) == nullptr);
  const auto* list = audit.facts().value("engine.containers");
  REQUIRE(list != nullptr);
  CHECK(list->size() == 3);
  CHECK(audit.containers_changed({}).empty());
}

// A host-wide check over the container list beside the per-container one.
engine::Catalogue nothing_running_catalogue() {
  const auto* checks = R"({"schema": "dockcis.checks/v1", "checks": [
    {"key": "host.nothing_running", "title": "Nothing runs", "description": "d", "remediation": "r",
     "test": {"fact": "engine.containers", "select": "", "pluck": "/State", "op": "not_contains", "value": "running"}},
    {"key": "container.privileged", "title": "Not privileged", "for_each": "containers", "description": "d", "remediation": "r",
     "test": {"fact": "container.inspect", "select": "/HostConfig/Privileged", "op": "eq", "value": false}}]})";
  const auto* profile = R"({"schema": "dockcis.profile/v1", "id": "cis-test-1.0.0", "title": "Test", "benchmark_version": "1.0.0",
    "docker_min": "0", "sections": [{"id": "5", "title": "Runtime"}],
    "parameters": {"trusted_users": {"default": [], "description": "as in the shared test catalogue"}},
    "recommendations": [{"id": "5.1", "key": "host.nothing_running", "title": "Nothing runs", "level": 1, "assessment": "automated"},
                        {"id": "5.5", "key": "container.privileged", "title": "Not privileged", "level": 1, "assessment": "automated"}]})";
  const auto loaded = engine::load_catalogue_from({{"checks/run.json", checks}}, {{"profiles/run.json", profile}});
  REQUIRE(loaded.diagnostics.empty());
  return loaded.catalogue;
}

TEST_CASE("watch: a check of the whole container list is judged once per batch, on the list the batch leaves") {
  engine::IncrementalAudit audit(nothing_running_catalogue(), settings());
  REQUIRE(audit.full(host({{entry("c1", "web", "running"), false}})));
  CHECK(result_of(audit.report(), "host.nothing_running").state == State::fail);
  // c1 stops and c2 starts: judged after each, the check would pass and fail again, told twice.
  std::vector<engine::ContainerChange> batch;
  batch.push_back({"c1", entry("c1", "web", "exited"), read_of("c1", inspect(false))});
  batch.push_back({"c2", entry("c2", "db", "running"), read_of("c2", inspect(false))});
  CHECK(audit.containers_changed(std::move(batch)).empty());
  CHECK(result_of(audit.report(), "host.nothing_running").state == State::fail);
  check_same_as_full(audit, nothing_running_catalogue());

  batch.clear();
  batch.push_back({"c2", std::nullopt, {}});
  const auto changes = audit.containers_changed(std::move(batch));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].check_key == "host.nothing_running");
  CHECK(changes[0].old_state == State::fail);
  CHECK(changes[0].new_state == State::pass);
  check_same_as_full(audit, nothing_running_catalogue());
}

TEST_CASE("watch: a batch keeps each check's instances in the order a full audit gives them, names alike or missing") {
  engine::IncrementalAudit audit(catalogue(), settings());
  // Listed as the collector sorts them: by name, then by id; "" and a list
  // without Names go by their short id, one with only "Name" by that id too.
  auto facts = host({{entry("bb", "x"), true}, {entry("dd", "y"), false}});
  REQUIRE(audit.full(std::move(facts)));
  json nameless = entry("aa", "ignored");
  nameless.erase("Names");
  nameless["Name"] = "/zzz";
  json slash = entry("cc", "ignored");
  slash["Names"] = json::array({"/"});
  std::vector<engine::ContainerChange> batch;
  batch.push_back({"ab", entry("ab", "x"), read_of("ab", inspect(true))});  // same name as bb, an id before it
  batch.push_back({"aa", nameless, read_of("aa", inspect(true))});
  batch.push_back({"cc", slash, read_of("cc", inspect(false))});
  batch.push_back({"ee", entry("ee", "x"), read_of("ee", inspect(false))});  // same name as bb, an id after it
  (void)audit.containers_changed(std::move(batch));
  check_same_as_full(audit);
  const auto& privileged = result_of(audit.report(), "container.privileged");
  std::vector<std::string> order;
  for (const auto& instance : privileged.instances) order.push_back(instance.id());
  CHECK(order == std::vector<std::string>{"aa", "cc", "ab", "bb", "ee", "dd"});

  // bb renamed past dd, then back between two of its namesakes.
  batch.clear();
  batch.push_back({"bb", entry("bb", "z"), read_of("bb", inspect(true))});
  (void)audit.containers_changed(std::move(batch));
  check_same_as_full(audit);
  batch.clear();
  batch.push_back({"bb", entry("bb", "x"), read_of("bb", inspect(true))});
  batch.push_back({"ab", std::nullopt, {}});
  (void)audit.containers_changed(std::move(batch));
  check_same_as_full(audit);
}

TEST_CASE("watch: a container list that could not be read keeps the full audit's errors through a batch") {
  engine::IncrementalAudit audit(catalogue(), settings());
  auto facts = host({{entry("c1", "web"), true}});
  facts.set("engine.containers", std::unexpected(model::Unavailable{"HTTP 500", model::ErrorKind::daemon_error}));
  REQUIRE(audit.full(std::move(facts)));
  REQUIRE(result_of(audit.report(), "container.privileged").state == State::error);
  std::vector<engine::ContainerChange> batch;
  batch.push_back({"c1", entry("c1", "web"), read_of("c1", inspect(false))});
  CHECK(audit.containers_changed(std::move(batch)).empty());
  CHECK(result_of(audit.report(), "container.privileged").state == State::error);
  check_same_as_full(audit);

  engine::IncrementalAudit mistyped(catalogue(), settings());
  auto object_list = host({});
  object_list.set("engine.containers", json{{"Id", "c1"}});
  REQUIRE(mistyped.full(std::move(object_list)));
  const auto before = result_of(mistyped.report(), "container.privileged").state;
  batch.clear();
  batch.push_back({"c1", entry("c1", "web"), read_of("c1", inspect(true))});
  (void)mistyped.containers_changed(std::move(batch));
  CHECK(result_of(mistyped.report(), "container.privileged").state == before);
  check_same_as_full(mistyped);
}

TEST_CASE("watch: a full audit whose container list fails tells the check's error, no container gone") {
  engine::IncrementalAudit audit(catalogue(), settings());
  REQUIRE(audit.full(host({{entry("c1", "web"), true}, {entry("c2", "db"), true}, {entry("c3", "cache"), true}})));
  auto facts = host({{entry("c1", "web"), true}, {entry("c2", "db"), true}, {entry("c3", "cache"), true}});
  facts.set("engine.containers", std::unexpected(model::Unavailable{"HTTP 500", model::ErrorKind::daemon_error}));
  const auto unlisted = audit.full(std::move(facts));
  REQUIRE(unlisted);
  CHECK(std::ranges::none_of(*unlisted, [](const auto& c) { return !c.new_state; }));
  const auto privileged = std::ranges::find(*unlisted, "container.privileged", &engine::ResultChange::check_key);
  REQUIRE(privileged != unlisted->end());
  CHECK(privileged->instance_id.empty());
  CHECK(privileged->old_state == State::fail);
  CHECK(privileged->new_state == State::error);
  CHECK(std::ranges::count(*unlisted, "container.privileged", &engine::ResultChange::check_key) == 1);

  // Still unlisted: nothing new. Listed again, measured against what was last seen: web still
  // fails (nothing to tell), db was fixed, cache was removed meanwhile, and the check's error is over.
  auto still = host({{entry("c1", "web"), true}});
  still.set("engine.containers", std::unexpected(model::Unavailable{"HTTP 500", model::ErrorKind::daemon_error}));
  REQUIRE(audit.full(std::move(still))->empty());
  const auto listed = audit.full(host({{entry("c1", "web"), true}, {entry("c2", "db"), false}}));
  REQUIRE(listed);
  std::vector<const engine::ResultChange*> of_check;
  for (const auto& change : *listed) {
    if (change.check_key == "container.privileged") of_check.push_back(&change);
  }
  REQUIRE(of_check.size() == 3);
  CHECK(of_check[0]->instance_id.empty());
  CHECK(of_check[0]->old_state == State::error);
  CHECK(of_check[0]->new_state == State::fail);
  CHECK(of_check[1]->instance_id == "c2");
  CHECK(of_check[1]->old_state == State::fail);
  CHECK(of_check[1]->new_state == State::pass);
  CHECK(of_check[2]->instance_id == "c3");
  CHECK(of_check[2]->old_state == State::fail);
  CHECK_FALSE(of_check[2]->new_state);
  check_same_as_full(audit);
}

TEST_CASE("watch: what was last seen of a check's containers serves only that check, and only when they are listed again") {
  const auto unlisted = [](model::FactStore facts) {
    facts.set("engine.containers", std::unexpected(model::Unavailable{"HTTP 500", model::ErrorKind::daemon_error}));
    return facts;
  };
  const auto gone = [](const std::vector<engine::ResultChange>& changes) {
    return std::ranges::count_if(changes, [](const auto& c) { return !c.new_state; });
  };
  // Deselected by a reload while unlisted: the check's own change, no container gone.
  engine::IncrementalAudit audit(catalogue(), settings());
  REQUIRE(audit.full(host({{entry("c1", "web"), true}})));
  REQUIRE(audit.full(unlisted(host({{entry("c1", "web"), true}}))));
  auto skipping = settings();
  skipping.skip = {"5.5"};
  audit.reload(catalogue(), skipping);
  const auto deselected = audit.full(host({}));
  REQUIRE(deselected);
  CHECK(gone(*deselected) == 0);
  // Selected again later: nothing left over from before the reload.
  audit.reload(catalogue(), settings());
  const auto again = audit.full(host({}));
  REQUIRE(again);
  CHECK(gone(*again) == 0);

  // Unlisted from the very first full audit: the check's error is told, and its end once listed.
  engine::IncrementalAudit blind(catalogue(), settings());
  REQUIRE(blind.full(unlisted(host({{entry("c1", "web"), true}}))));
  const auto listed = blind.full(host({{entry("c1", "web"), true}}));
  REQUIRE(listed);
  const auto ended = std::ranges::find_if(*listed, [](const auto& c) {
    return c.check_key == "container.privileged" && c.instance_id.empty() && c.old_state == State::error;
  });
  REQUIRE(ended != listed->end());
  CHECK(ended->new_state == State::fail);
}

TEST_CASE("watch: waivers apply to every container of a batch") {
  const auto with_waiver = settings_waiving_web();
  engine::IncrementalAudit audit(catalogue(), with_waiver);
  REQUIRE(audit.full(host({{entry("c3", "cache"), false}})));
  std::vector<engine::ContainerChange> batch;
  batch.push_back({"c1", entry("c1", "web"), read_of("c1", inspect(true))});
  batch.push_back({"c2", entry("c2", "db"), read_of("c2", inspect(true))});
  const auto changes = audit.containers_changed(std::move(batch));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].instance_name == "db");
  const auto& result = result_of(audit.report(), "container.privileged");
  REQUIRE(result.instances.size() == 3);
  CHECK(result.state == State::fail);
  const auto full = engine::audit(catalogue(), audit.facts(), with_waiver);
  REQUIRE(full);
  const auto& want = result_of(*full, "container.privileged");
  REQUIRE(want.instances.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(result.instances[i].id() == want.instances[i].id());
    CHECK(result.instances[i].state == want.instances[i].state);
  }
  CHECK(audit.report().summary.counts == full->summary.counts);
}

TEST_CASE("watch: any sequence of batches ends where a full audit of the same facts does") {
  // A fixed seed: random names alike or missing, ids read twice in a batch,
  // removals of listed and unknown containers, renames; compared with a full
  // audit after every batch.
  std::mt19937 random(20261205);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  engine::IncrementalAudit audit(catalogue(), settings());
  REQUIRE(audit.full(host({{entry("a0", "n1"), true}, {entry("a1", "n2"), false}})));
  for (int step = 0; step < 150; ++step) {
    CAPTURE(step);
    std::vector<engine::ContainerChange> batch;
    const int size = 1 + pick(6);
    for (int k = 0; k < size; ++k) {
      const auto id = "a" + std::to_string(pick(12));
      if (pick(4) == 0) {
        batch.push_back({id, std::nullopt, {}});
        continue;
      }
      auto listed = entry(id, "n" + std::to_string(pick(4)), pick(2) == 0 ? "running" : "created");
      if (pick(8) == 0) listed.erase("Names");
      if (pick(8) == 0) listed["Names"] = json::array({"/"});
      batch.push_back({id, listed, read_of(id, inspect(pick(2) == 0))});
    }
    (void)audit.containers_changed(std::move(batch));
    check_same_as_full(audit);
  }
}
