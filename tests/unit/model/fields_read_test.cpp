// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "model/fields_read.hpp"

using namespace dockcis;
using nlohmann::json;

namespace {

json inspect() {
  return json::parse(R"({
    "Id": "c1", "Name": "/web", "Path": "sleep", "Args": ["3600"],
    "State": {"Running": true, "Pid": 42},
    "HostConfig": {"Privileged": false, "CapAdd": ["NET_ADMIN"], "Memory": 0, "Binds": null},
    "Config": {"User": "", "Env": ["A=1"], "Labels": {"a/b": "x", "c~d": "y"}},
    "Mounts": [{"Source": "/etc", "Destination": "/host"}],
    "GraphDriver": {"Data": {"LowerDir": "/var/lib/docker/overlay2/x"}}
  })");
}

}  // namespace

TEST_CASE("keep_fields keeps the values at the pointers, with the objects leading to them") {
  auto document = inspect();
  model::keep_fields(document, {"/Id", "/HostConfig/Privileged", "/HostConfig/CapAdd", "/State", "/Config/Labels/a~1b",
                                "/Config/Labels/c~0d", "/Mounts/0/Source", "/NoSuch/Field", "/HostConfig/Binds"});
  CHECK(document == json::parse(R"({
    "Id": "c1", "State": {"Running": true, "Pid": 42},
    "HostConfig": {"Privileged": false, "CapAdd": ["NET_ADMIN"], "Binds": null},
    "Config": {"Labels": {"a/b": "x", "c~d": "y"}},
    "Mounts": [{"Source": "/etc", "Destination": "/host"}]
  })"));
}

TEST_CASE("keep_fields: a whole object and a field inside it, in either order, keep the whole object") {
  for (const auto& pointers : {std::vector<std::string>{"/Config", "/Config/User"}, std::vector<std::string>{"/Config/User", "/Config"}}) {
    auto document = inspect();
    model::keep_fields(document, pointers);
    CHECK(document == json{{"Config", inspect()["Config"]}});
  }
}

TEST_CASE("keep_fields leaves the document whole without pointers, with \"\", or when it is not an object") {
  auto document = inspect();
  model::keep_fields(document, {});
  CHECK(document == inspect());
  model::keep_fields(document, {"/Id", ""});
  CHECK(document == inspect());
  json list = json::array({1, 2});
  model::keep_fields(list, {"/0"});
  CHECK(list == json::array({1, 2}));
}

TEST_CASE("keep_fields: a value that is not an object where the pointer goes on is kept as it is") {
  auto document = json::parse(R"({"HostConfig": "odd", "State": {"Running": true}})");
  model::keep_fields(document, {"/HostConfig/Privileged", "/State/Running/x"});
  CHECK(document == json::parse(R"({"HostConfig": "odd", "State": {"Running": true}})"));
}
