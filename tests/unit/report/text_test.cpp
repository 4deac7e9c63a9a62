// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <algorithm>

#include "report/hints.hpp"
#include "report/render.hpp"
#include "sample_report.hpp"

using namespace dockcis;

namespace {
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("text: the summary comes first with score, score before waivers, counts and severities") {
  const auto text = report::render_text(sample::report(), {});
  CHECK(text.starts_with("dockcis 0.1.0  CIS Docker Benchmark v1.6.0 (cis-docker-1.6.0), level 2\n"));
  CHECK(has(text, "Host host01  Docker 24.0.7 (API 1.43)"));
  CHECK(has(text, "Score 14.3%  (before waivers 12.5%)  pass 1 of 7 scored"));
  CHECK(has(text, "FAIL 5"));
  CHECK(has(text, "WAIVED 1"));
  CHECK(has(text, "Failed by severity:  critical 1  high 2  medium 1  low 1"));
  CHECK(text.find("Score") < text.find("Failures"));
}

TEST_CASE("text: failures grouped by section with instances and remediation") {
  const auto text = report::render_text(sample::report(), {});
  const auto section2 = text.find("\n2 Docker daemon configuration\n");
  const auto section5 = text.find("\n5 Container Runtime Configuration\n");
  REQUIRE(section2 != std::string::npos);
  REQUIRE(section5 != std::string::npos);
  CHECK(section2 < text.find("2.2 Title of 2.2"));
  CHECK(text.find("2.2 Title of 2.2") < section5);
  CHECK(section5 < text.find("5.5 Title of 5.5  [critical]"));
  CHECK(has(text, "1 of 3 containers fail"));
  // One reason: the instances share one line, their names after the count.
  CHECK(has(text, "- FAIL 1 of 3 instances: "));
  CHECK(has(text, "Fix: Remediation of 5.5."));
  // An image has no name: its id stands in.
  CHECK(has(text, "- FAIL 1 of 2 instances: sha256:1111\n"));
  // Passing and waived containers are not failures.
  CHECK_FALSE(has(text, "- db (postgres:16)"));
  CHECK_FALSE(has(text, "- cadvisor"));
}

TEST_CASE("text: errors come with a hint, manual items are listed briefly") {
  const auto text = report::render_text(sample::report(), {});
  CHECK(has(text, "Could not decide\n  ERROR 2.8 Title of 2.8\n       permission denied reading /etc/docker/daemon.json (run as root)\n"
                  "       Hint: Run dockcis as root"));
  CHECK(has(text, "Facts that could not be read\n  engine.images: permission denied"));
  CHECK(has(text, "For review (manual)\n  5.9 Title of 5.9\n"));
  CHECK(has(text, "Waivers\n  W-17 container.privileged: applied (expires 2099-06-30)"));
}

TEST_CASE("text: passing checks and evidence only with verbose") {
  const auto plain = report::render_text(sample::report(), {});
  CHECK_FALSE(has(plain, "1.1.1 Title"));
  CHECK_FALSE(has(plain, "audit rule for the dockerd binary: false"));
  const auto verbose = report::render_text(sample::report(), {.verbose = true});
  CHECK(has(verbose, "All recommendations"));
  CHECK(has(verbose, "PASS          1.1.1 Title of 1.1.1"));
  CHECK(has(verbose, "NOTSELECTED   2.18 Title of 2.18"));
  CHECK(has(verbose, "audit rule for the dockerd binary: false  (expected eq true)"));
  CHECK(has(verbose, "ERROR         2.8 Title of 2.8  -- permission denied reading"));
}

TEST_CASE("text: host text never carries control characters; colour only when asked") {
  const auto plain = report::render_text(sample::report(), {.verbose = true});
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK_FALSE(has(plain, "\xc2\x9b"));      // C1 CSI
  CHECK_FALSE(has(plain, "\xe2\x80\xae"));  // right-to-left override
  CHECK_FALSE(has(plain, "\xff"));
  CHECK(has(plain, "web\\x1b[31m<script>alert(1)</script>]]>\"'\\u009b2J\\u202eevil\\xff"));
  CHECK(std::none_of(plain.begin(), plain.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n'; }));

  const auto coloured = report::render_text(sample::report(), {.color = true});
  CHECK(has(coloured, "\x1b[31mFAIL\x1b[0m"));
  CHECK(has(coloured, "\x1b[1;31mScore 14.3%\x1b[0m"));
  CHECK_FALSE(has(coloured, "web\x1b[31m"));
}

TEST_CASE("text: a daemon option's sources on one indented line under the finding") {
  const auto text = report::render_text(sample::report(), {});
  const auto line = "       Sources: command line --icc=false (decides) \u00b7 /srv/<script>alert(3)</script>]]>/daemon.json \"icc\": true "
                    "(disagrees, changed after dockerd started, also set as a flag: dockerd refuses to start while an option is set "
                    "in both, so its next start fails) \u00b7 default true\n";
  CHECK(has(text, line));
  // Under the finding it belongs to, before its remediation.
  CHECK(text.find("2.2 Title of 2.2") < text.find("Sources: "));
  CHECK(text.find("Sources: ") < text.find("Fix: Remediation of 2.2."));
}

TEST_CASE("text: a passing daemon option whose sources disagree is listed with its sources") {
  auto sample = sample::report();
  auto& icc = *std::ranges::find(sample.results, std::string("2.2"), &model::CheckResult::id);
  icc.state = model::State::pass;
  const auto text = report::render_text(sample, {});
  const auto section = text.find("\nDaemon settings whose sources disagree\n  PASS 2.2 Title of 2.2\n       Sources: command line --icc=false (decides)");
  CHECK(section != std::string::npos);
  CHECK(section > text.find("Failures"));
  // A failing one shows its sources under the finding, not twice.
  CHECK_FALSE(has(report::render_text(sample::report(), {}), "Daemon settings whose sources disagree"));
}

TEST_CASE("text: containers that could not be read carry the hint for what cut the read") {
  auto report = sample::report();
  auto& mounts = *std::ranges::find(report.results, std::string("5.6"), &model::CheckResult::id);
  auto cut = sample::instance("90db60389554aaaa", "db", "postgres:16", model::State::error,
                              "GET /containers/90db/json: not asked: the run's deadline (--deadline) had passed", {});
  cut.error_kind = model::ErrorKind::timed_out;
  mounts.instances.push_back(cut);
  const auto text = report::render_text(report, {});
  CHECK(has(text, "the run's deadline (--deadline) had passed: 1 of 2 instances: db\n"
                  "         Hint: The run's deadline passed before dockcis got to it: raise --deadline"));
  CHECK(!has(text, "raise --timeout"));
}

TEST_CASE("hints: a timed-out read names the option that bounds what cut it") {
  const auto timed_out = model::ErrorKind::timed_out;
  CHECK(report::hint_for(timed_out, "GET /info: timed out after 10000 ms").find("raise --timeout") != std::string::npos);
  CHECK(report::hint_for(timed_out, "GET /info: timed out after 10000 ms").find("--deadline") == std::string::npos);
  CHECK(report::hint_for(timed_out, "GET /info: timed out after 420 ms (the run's deadline)").find("raise --deadline") !=
        std::string::npos);
  CHECK(report::hint_for(timed_out, "not read: the run's deadline (--deadline) had passed").find("--timeout") ==
        std::string::npos);
  CHECK(report::hint_for(timed_out, "the layer scan took longer than its time bound (reached in overlay2/abc)")
            .find("review them by hand") != std::string::npos);
  CHECK(report::hint_for(std::nullopt, "anything").empty());
}

TEST_CASE("hints: a malformed snapshot fact points at the snapshot, a malformed answer at the socket") {
  const auto malformed = model::ErrorKind::malformed_answer;
  CHECK(report::hint_for(malformed, "the snapshot's host.file:/etc/docker is a number, not an object").find("dockcis facts") !=
        std::string::npos);
  CHECK(report::hint_for(malformed, "the snapshot gives no processes for running container c1").find("socket") == std::string::npos);
  CHECK(report::hint_for(malformed, "GET /info: not a JSON object").find("proxy") != std::string::npos);
}
