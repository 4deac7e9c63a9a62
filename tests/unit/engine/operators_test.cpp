// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string_view>

#include "engine/operators.hpp"

using dockcis::engine::find_operator;
using dockcis::engine::json;
using dockcis::model::State;

namespace {
State judge(const char* op, const json& actual, const json& expected = json()) {
  const auto* info = find_operator(op);
  REQUIRE(info != nullptr);
  return info->apply(actual, expected).state;
}
json file_with_mode(unsigned mode) { return {{"exists", true}, {"mode", mode}, {"uid", 0}, {"gid", 0}}; }
}  // namespace

TEST_CASE("mode_at_most is a bit mask, not a numeric comparison") {
  struct Case { unsigned mode; const char* allowed; State expected; };
  const Case cases[] = {
      {0644, "644", State::pass}, {0600, "644", State::pass}, {0640, "644", State::pass}, {0444, "644", State::pass},
      {0611, "644", State::fail},  // numerically below 644, but group/other execute
      {0606, "644", State::fail},  // other write
      {0755, "644", State::fail}, {04644, "644", State::fail},  // setuid is never "more restrictive"
      {0660, "660", State::pass}, {0666, "660", State::fail}, {0640, "660", State::pass},
      {0755, "755", State::pass}, {0775, "755", State::fail}, {0444, "444", State::pass}, {0440, "444", State::pass},
      {0644, "444", State::fail},
  };
  for (const auto& c : cases) {
    CAPTURE(c.mode);
    CAPTURE(c.allowed);
    CHECK(judge("mode_at_most", file_with_mode(c.mode), c.allowed) == c.expected);
    CHECK(judge("mode_at_most", json(c.mode), c.allowed) == c.expected);
  }
  CHECK(judge("mode_at_most", json{{"exists", false}}, "644") == State::notapplicable);
  CHECK(judge("mode_is", file_with_mode(0400), "400") == State::pass);
  CHECK(judge("mode_is", file_with_mode(0440), "400") == State::fail);
}

TEST_CASE("owner_is compares root numerically and other groups by name") {
  json file{{"exists", true}, {"mode", 0660}, {"uid", 0}, {"gid", 998}, {"owner", "root"}, {"group", "docker"}};
  CHECK(judge("owner_is", file, "root:docker") == State::pass);
  CHECK(judge("owner_is", file, "root:root") == State::fail);
  json renamed_root{{"exists", true}, {"uid", 0}, {"gid", 0}, {"owner", "toor"}, {"group", "wheel"}};
  CHECK(judge("owner_is", renamed_root, "root:root") == State::pass);
  json user_owned{{"exists", true}, {"uid", 1000}, {"gid", 0}, {"owner", "root"}, {"group", "root"}};
  CHECK(judge("owner_is", user_owned, "root:root") == State::fail);  // a name is not the uid
  CHECK(judge("owner_is", json{{"exists", false}}, "root:root") == State::notapplicable);
  // A snapshot's uid of 2^32 is not root, though an int would wrap it to 0.
  json wrapped{{"exists", true}, {"uid", 4294967296ULL}, {"gid", 0}, {"owner", "x"}, {"group", "root"}};
  CHECK(judge("owner_is", wrapped, "root:root") == State::fail);
}

TEST_CASE("a list of files with an entry that describes no file is an error, never a pass") {
  const json good{{"exists", true}, {"mode", 0444}, {"uid", 0}, {"gid", 0}, {"owner", "root"}, {"group", "root"}};
  for (const char* op : {"owner_is", "mode_at_most", "mode_is"}) {
    CAPTURE(op);
    const json expected = std::string_view(op) == "owner_is" ? json("root:root") : json("444");
    CHECK(judge(op, json::array({good}), expected) == State::pass);
    CHECK(judge(op, json::array({nullptr, good}), expected) == State::error);
    CHECK(judge(op, json::array({nullptr}), expected) == State::error);
    CHECK(judge(op, json::array({json::array(), good}), expected) == State::error);
    CHECK(judge(op, json::array({good, {{"exists", false}}}), expected) == State::error);
    CHECK(judge(op, json::array({0444, good}), expected) == State::error);  // a bare mode is no file document
    // A file that fails decides, whatever else the list holds, in any order.
    json bad = good;
    bad["mode"] = 0666;
    bad["uid"] = 1000;
    CHECK(judge(op, json::array({nullptr, bad}), expected) == State::fail);
    CHECK(judge(op, json::array({bad, nullptr}), expected) == State::fail);
  }
}

TEST_CASE("not_root_user catches every spelling of root") {
  for (const char* root : {"", "0", "root", "0:0", "root:root", "0:1000", " root ", "0000", "00:00", "+0", "-0", "-000:1"}) {
    CAPTURE(root);
    CHECK(judge("not_root_user", root) == State::fail);
  }
  CHECK(judge("not_root_user", json()) == State::fail);
  for (const char* user : {"1000", "app", "1000:1000", "nobody:nogroup", "0100", "+", "-", "+01"}) {
    CAPTURE(user);
    CHECK(judge("not_root_user", user) == State::pass);
  }
}

TEST_CASE("equality compares values of one kind: a text is never a boolean or a number") {
  // A text where the API has a boolean or a number is an error, whatever it reads.
  for (const char* text : {"false", "0", "False", "true"}) {
    CAPTURE(text);
    CHECK(judge("eq", text, false) == State::error);
  }
  for (const char* text : {"1024", "Infinity", "1e999", " 7", "0x10"}) {
    CAPTURE(text);
    CHECK(judge("eq", text, 1024) == State::error);
    CHECK(judge("gt", text, 0) == State::error);
  }
  CHECK(judge("eq", 1024.0, 1024) == State::pass);
  CHECK(judge("in", "False", json::array({"false", "False"})) == State::pass);
  CHECK(judge("ne", "host", "host") == State::fail);
  CHECK(judge("ne", json(), "host") == State::pass);
  CHECK(judge("in", "always", json::array({"always", "unless-stopped"})) == State::pass);
  CHECK(judge("not_in", 0, json::array({0, 1024})) == State::fail);
  CHECK(judge("not_in", 512, json::array({0, 1024})) == State::pass);
}

TEST_CASE("numeric comparisons treat null as not satisfied") {
  CHECK(judge("gt", json(), 0) == State::fail);
  CHECK(judge("gt", -1, 0) == State::fail);
  CHECK(judge("gt", 100, 0) == State::pass);
  CHECK(judge("le", 5, 5) == State::pass);
  CHECK(judge("le", 6, 5) == State::fail);
  CHECK(judge("gt", "lots", 0) == State::error);
  CHECK(judge("odd", 3) == State::pass);
  CHECK(judge("odd", 4) == State::fail);
}

TEST_CASE("versions compare by parts, ignoring distribution suffixes") {
  CHECK(judge("version_ge", "20.10.24+dfsg1", "20.10") == State::pass);
  CHECK(judge("version_ge", "9.3", "20.10") == State::fail);
  CHECK(judge("version_lt", "24.0.7", "25.0") == State::pass);
  CHECK(judge("version_ge", "25.0.0", "25.0") == State::pass);
}

TEST_CASE("regex and containment work on strings and arrays") {
  CHECK(judge("matches", json::array({"bash", "sshd"}), "^sshd$") == State::pass);
  CHECK(judge("not_matches", json::array({"bash", "sshd"}), "^sshd$") == State::fail);
  CHECK(judge("not_matches", json::array({"bash", "sshd-keygen"}), "^sshd$") == State::pass);
  CHECK(judge("not_matches", json::array(), "^sshd$") == State::pass);
  CHECK(judge("contains", json::array({"no-new-privileges"}), "no-new-privileges") == State::pass);
  CHECK(judge("contains", "name=seccomp,profile=builtin", "profile=builtin") == State::pass);
  CHECK(judge("subset_of", json::array({"127.0.0.0/8"}), json::array({"127.0.0.0/8"})) == State::pass);
  CHECK(judge("subset_of", json::array({"127.0.0.0/8", "10.0.0.0/8"}), json::array({"127.0.0.0/8"})) == State::fail);
  CHECK(judge("subset_of", json(), json::array()) == State::pass);
  CHECK(judge("disjoint_with", json::array({"rshared"}), json::array({"shared", "rshared"})) == State::fail);
}

TEST_CASE("none_under matches directories and sub-paths; / only itself") {
  const json sensitive = json::array({"/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr"});
  CHECK(judge("none_under", json::array({"/srv/data", "/var/lib/docker/volumes/x/_data"}), sensitive) == State::pass);
  CHECK(judge("none_under", json::array({"/"}), sensitive) == State::fail);
  CHECK(judge("none_under", json::array({"/etc/shadow"}), sensitive) == State::fail);
  CHECK(judge("none_under", json::array({"/etc/"}), sensitive) == State::fail);
  CHECK(judge("none_under", json::array({"/etcetera"}), sensitive) == State::pass);
  CHECK(judge("none_under", json::array({"/lib64"}), sensitive) == State::pass);
  CHECK(judge("none_under", json::array({"/lib64"}), json::array({"/lib64"})) == State::fail);
}

TEST_CASE("capabilities normalise case and the CAP_ prefix") {
  CHECK(judge("caps_include", json::array({"cap_net_raw"}), "NET_RAW") == State::pass);
  CHECK(judge("caps_include", json::array({"ALL"}), "NET_RAW") == State::pass);
  CHECK(judge("caps_include", json::array({"MKNOD"}), "NET_RAW") == State::fail);
  CHECK(judge("caps_include", json(), "NET_RAW") == State::fail);
  CHECK(judge("caps_subset_of", json::array({"CAP_NET_ADMIN"}), json::array({"NET_ADMIN"})) == State::pass);
  CHECK(judge("caps_subset_of", json::array({"SYS_ADMIN"}), json::array({"NET_ADMIN"})) == State::fail);
  CHECK(judge("caps_subset_of", json::array({"ALL"}), json::array({"NET_ADMIN"})) == State::fail);
  CHECK(judge("caps_subset_of", json(), json::array()) == State::pass);
}

TEST_CASE("port bindings: wildcards include IPv6 and empty addresses") {
  const json specific{{"80/tcp", json::array({{{"HostIp", "127.0.0.1"}, {"HostPort", "8080"}}})}};
  CHECK(judge("no_wildcard_bindings", specific) == State::pass);
  for (const char* wildcard : {"0.0.0.0", "::", ""}) {
    CAPTURE(wildcard);
    const json ports{{"80/tcp", json::array({{{"HostIp", wildcard}, {"HostPort", "8080"}}})}};
    CHECK(judge("no_wildcard_bindings", ports) == State::fail);
  }
  CHECK(judge("no_wildcard_bindings", json()) == State::pass);
  CHECK(judge("no_wildcard_bindings", json{{"80/tcp", nullptr}}) == State::pass);
  const json low{{"80/tcp", json::array({{{"HostIp", "127.0.0.1"}, {"HostPort", "80"}}})}};
  CHECK(judge("host_ports_at_least", low, 1024) == State::fail);
  CHECK(judge("host_ports_at_least", specific, 1024) == State::pass);
  CHECK(judge("privileged_ports_within", low, json::array()) == State::fail);
  CHECK(judge("privileged_ports_within", low, json::array({80, 443})) == State::pass);
  CHECK(judge("privileged_ports_within", low, json::array({"80"})) == State::pass);
  CHECK(judge("privileged_ports_within", specific, json::array()) == State::pass);
  // A host port is a decimal text or ""; anything else cannot be judged.
  for (const char* port : {" 80", "0x50", "80.0", "Infinity"}) {
    CAPTURE(port);
    const json odd{{"80/tcp", json::array({{{"HostIp", "127.0.0.1"}, {"HostPort", port}}})}};
    CHECK(judge("privileged_ports_within", odd, json::array()) == State::error);
    CHECK(judge("host_ports_at_least", odd, 1024) == State::error);
  }
  const json unassigned{{"80/tcp", json::array({{{"HostIp", "127.0.0.1"}, {"HostPort", ""}}})}};
  CHECK(judge("privileged_ports_within", unassigned, json::array()) == State::pass);
}

TEST_CASE("empty: null, empty strings, arrays and objects") {
  CHECK(judge("empty", json()) == State::pass);
  CHECK(judge("empty", "") == State::pass);
  CHECK(judge("empty", json::array()) == State::pass);
  CHECK(judge("empty", json::object()) == State::pass);
  CHECK(judge("empty", "/docker") == State::fail);
  CHECK(judge("not_empty", "") == State::fail);
  CHECK(judge("not_empty", json::array({"x"})) == State::pass);
}

TEST_CASE("operand validation") {
  using dockcis::engine::check_operand;
  CHECK(check_operand(*find_operator("mode_at_most"), "644").empty());
  CHECK_FALSE(check_operand(*find_operator("mode_at_most"), "649").empty());
  CHECK_FALSE(check_operand(*find_operator("mode_at_most"), 644).empty());
  CHECK_FALSE(check_operand(*find_operator("matches"), "([").empty());
  CHECK_FALSE(check_operand(*find_operator("in"), "x").empty());
  CHECK_FALSE(check_operand(*find_operator("exists"), "x").empty());
}

TEST_CASE("patterns match in linear time: a 300 KB build step and a long secret-looking value") {
  const auto* matches = dockcis::engine::find_operator("matches");
  const std::string long_run = "/bin/sh -c echo " + std::string(300000, 'A') + " | base64 -d > /app/x";
  CHECK(matches->apply(json::array({long_run}), "(^|[\\s|])[A-Za-z0-9_]*(PASSWORD|SECRET|TOKEN)=[\"']?[^\\s$\"']").state == State::fail);
  CHECK(matches->apply(json::array({"API_TOKEN=" + std::string(100000, 'x')}), "^[A-Za-z0-9_]*(TOKEN)=.+").state == State::pass);
}

TEST_CASE("a pattern with an exception: an element counts when it matches and is not excepted") {
  const auto* matches = dockcis::engine::find_operator("matches");
  const json tcp{{"pattern", "^."}, {"except", "^(unix|fd|npipe|ssh)://"}};
  CHECK(matches->apply(json::array({"unix:///run/docker.sock", "fd://"}), tcp).state == State::fail);
  CHECK(matches->apply(json::array({"unix:///run/docker.sock", "tcp://0.0.0.0:2376"}), tcp).state == State::pass);
  CHECK(matches->apply(json::array({"0.0.0.0:2375"}), tcp).state == State::pass);
  CHECK(dockcis::engine::check_operand(*matches, json{{"pattern", "(("}}).find("invalid regular expression") != std::string::npos);
  CHECK(dockcis::engine::check_operand(*matches, json{{"pattern", "a"}, {"excpt", "b"}}) != "");
  CHECK(dockcis::engine::check_operand(*matches, "(?!lookahead)").find("invalid regular expression") != std::string::npos);
}

TEST_CASE("values of the wrong shape are errors, never a pass") {
  const auto op = [](const char* name) { return dockcis::engine::find_operator(name); };
  const json mounts_object{{"Source", "/etc"}, {"Destination", "/host-etc"}};
  CHECK(op("none_under")->apply(mounts_object, json::array({"/etc"})).state == State::error);
  CHECK(op("none_under")->apply(json::array({42}), json::array({"/etc"})).state == State::error);
  CHECK(op("caps_include")->apply(json::object(), "NET_RAW").state == State::error);
  CHECK(op("subset_of")->apply(json{{"a", 1}}, json::array()).state == State::error);
  CHECK(op("not_matches")->apply(json{{"a", 1}}, "x").state == State::error);
  CHECK(op("no_wildcard_bindings")->apply(json{{"80/tcp", "0.0.0.0"}}, nullptr).state == State::error);
  CHECK(op("no_wildcard_bindings")->apply(json{{"80/tcp", {42}}}, nullptr).state == State::error);
  CHECK(op("no_wildcard_bindings")->apply(json{{"80/tcp", {{{"HostIp", 7}}}}}, nullptr).state == State::error);
  CHECK(op("mode_at_most")->apply(json{{"exists", "yes"}, {"mode", "644"}}, "644").state == State::error);
  // Neither equal nor unequal: a value of another kind than the one compared with.
  CHECK(judge("ne", json{{"mode", "host"}}, "host") == State::error);
  CHECK(judge("eq", json{{"mode", "host"}}, "host") == State::error);
  CHECK(judge("ne", 0, "unconfined") == State::error);
  CHECK(judge("ne", "NONE", json::array({"NONE"})) == State::error);
  CHECK(judge("eq", "yes", true) == State::error);
  CHECK(judge("ne", json::array({1}), 1024) == State::error);
  CHECK(judge("not_in", 0, json::array({"", "unconfined"})) == State::error);
  CHECK(judge("in", json::object(), json::array({"always", "unless-stopped"})) == State::error);
  CHECK(op("ne")->apply(0, "unconfined").message == "expected a text, found a number");
  // Kinds no other operator can judge: a number is neither empty nor not, a
  // list entry that is no text neither matches nor fails to.
  CHECK(judge("not_empty", 7) == State::error);
  CHECK(judge("empty", false) == State::error);
  CHECK(judge("not_matches", 7, "x") == State::error);
  CHECK(judge("not_matches", json::array({"ok", json{{"Source", "/var/run/docker.sock"}}}), "docker\\.sock") == State::error);
  CHECK(judge("matches", json::array({"docker.sock", 7}), "docker") == State::error);
  CHECK(judge("not_contains", json::array({json::object()}), "SYS_ADMIN") == State::error);
  CHECK(judge("not_contains", 7, "SYS_ADMIN") == State::error);
  CHECK(judge("disjoint_with", json::array({true}), json::array({"shared", "rshared"})) == State::error);
  CHECK(judge("disjoint_with", json::array({json::array({"rshared"})}), json::array({"shared", "rshared"})) == State::error);
  CHECK(judge("subset_of", json::array({json::object()}), json::array()) == State::error);
  CHECK(judge("caps_subset_of", json::array({json::object()}), json::array({"NET_ADMIN"})) == State::error);
  CHECK(judge("caps_include", json::array({7}), "ALL") == State::error);
  CHECK(op("le")->apply("five", 5).message == "expected a number, found a text");
  CHECK(op("not_empty")->apply(7, nullptr).message == "expected a text, a list or an object, found a number");
  // What they can judge, they still do.
  CHECK(judge("not_matches", json::array({"ok", nullptr}), "docker") == State::pass);
  CHECK(judge("disjoint_with", json::array({"", "private"}), json::array({"shared", "rshared"})) == State::pass);
  CHECK(judge("subset_of", json::array({"alice"}), json::array()) == State::fail);
  CHECK(judge("subset_of", json::array({json{{"a", 1}}}), json::array({json{{"a", 1}}})) == State::pass);
  // A text is no number or boolean; an absent value is unequal.
  CHECK(judge("ne", "1024", 1024) == State::error);
  CHECK(judge("eq", true, "true") == State::error);
  CHECK(judge("not_in", "0", json::array({0, 1024})) == State::error);
  CHECK(judge("ne", json(), "host") == State::pass);
  CHECK(judge("not_in", "x", json::array()) == State::pass);
}
