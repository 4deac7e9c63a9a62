// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "engine/controls.hpp"

using dockcis::engine::parse_controls;
using nlohmann::json;

namespace {
struct Parsed {
  std::vector<dockcis::model::ControlRef> controls;
  std::vector<std::pair<std::string, std::string>> problems;
};
Parsed parse_text(const char* text) {
  Parsed parsed;
  parsed.controls = parse_controls(json::parse(text), "/checks/0/controls", parsed.problems);
  return parsed;
}
bool has_problem(const Parsed& parsed, const std::string& pointer, const std::string& text) {
  for (const auto& [at, message] : parsed.problems) {
    if (at == pointer && message.find(text) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("control mappings: NIST SP 800-53 and CIS Controls ids, each with its source") {
  const auto parsed = parse_text(R"J([{"framework": "nist-800-53-r5", "id": "AC-6(9)", "source": "STIG DKER-EE-001960"},
                                {"framework": "cis-controls-v8", "id": "4.1", "source": "CIS Docker Benchmark v1.6.0"}])J");
  CHECK(parsed.problems.empty());
  REQUIRE(parsed.controls.size() == 2);
  CHECK(parsed.controls[0].id == "AC-6(9)");
  CHECK(parsed.controls[1].framework == "cis-controls-v8");
}

TEST_CASE("control mappings: every mistake is reported with its pointer") {
  const auto parsed = parse_text(R"J([{"framework": "iso-27001", "id": "A.5", "source": "x"},
                                {"framework": "nist-800-53-r5", "id": "ac-6", "source": "x"},
                                {"framework": "cis-controls-v8", "id": "4.1"},
                                {"framework": "cis-controls-v8", "id": "4.1", "source": "x", "note": "y"},
                                {"framework": "nist-800-53-r5", "id": "CM-7", "source": "a"},
                                {"framework": "nist-800-53-r5", "id": "CM-7", "source": "b"},
                                "CM-7"])J");
  CHECK(has_problem(parsed, "/checks/0/controls/0/framework", "'framework' must be"));
  CHECK(has_problem(parsed, "/checks/0/controls/1/id", "'ac-6' is not a nist-800-53-r5 identifier"));
  CHECK(has_problem(parsed, "/checks/0/controls/2/source", "names its public source"));
  CHECK(has_problem(parsed, "/checks/0/controls/3/note", "unknown key 'note'"));
  CHECK(has_problem(parsed, "/checks/0/controls/5", "listed twice"));
  CHECK(has_problem(parsed, "/checks/0/controls/6", "is an object"));
  REQUIRE(parsed.controls.size() == 1);
  CHECK(parsed.controls[0].source == "a");
  CHECK(has_problem(parse_text(R"J({"framework": "nist-800-53-r5"})J"), "/checks/0/controls", "must be an array"));
}

TEST_CASE("control mappings: an id matches its framework's form as a whole") {
  const auto id_accepted = [](const char* framework, const std::string& id) {
    const auto entry = json::array({{{"framework", framework}, {"id", id}, {"source", "s"}}});
    std::vector<std::pair<std::string, std::string>> problems;
    (void)parse_controls(entry, "/c", problems);
    return problems.empty();
  };
  for (const char* id : {"AC-6", "AC-6(9)", "SC-39", "AU-12(3)"}) CHECK(id_accepted("nist-800-53-r5", id));
  for (const char* id : {"AC-6x", "xAC-6", "AC-6(9", "AC-123", "AC-6(123)", "A-6", ""}) CHECK_FALSE(id_accepted("nist-800-53-r5", id));
  for (const char* id : {"4", "4.1", "13.10"}) CHECK(id_accepted("cis-controls-v8", id));
  for (const char* id : {"4.1.2", "4.", ".1", "123", "4.123", "4a"}) CHECK_FALSE(id_accepted("cis-controls-v8", id));
}
