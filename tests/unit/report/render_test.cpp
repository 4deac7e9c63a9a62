// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <pugixml.hpp>

#include "report/render.hpp"
#include "sample_report.hpp"

using namespace dockcis;
using report::Format;

TEST_CASE("render: format names and file extensions") {
  CHECK(report::parse_format("text") == Format::text);
  CHECK(report::parse_format("json") == Format::json);
  CHECK(report::parse_format("html") == Format::html);
  CHECK(report::parse_format("junit") == Format::junit);
  CHECK(report::parse_format("xccdf") == Format::xccdf);
  CHECK_FALSE(report::parse_format("pdf").has_value());
  CHECK(report::file_extension(Format::junit) == "junit.xml");
  CHECK(report::render(sample::report(), Format::json, {}) == report::render_json(sample::report()));
}

TEST_CASE("render: an empty report with missing host facts renders in every format") {
  model::Report empty;
  empty.host = {{"hostname", nullptr}, {"docker_version", 20}};  // what a collector that could not look leaves
  for (Format format : {Format::text, Format::json, Format::html, Format::junit, Format::xccdf, Format::sarif}) {
    std::string output;
    CHECK_NOTHROW(output = report::render(empty, format, {.verbose = true}));
    CHECK_FALSE(output.empty());
  }
  CHECK(report::render_text(empty, {}).find("Host ?  Docker 20 (API ?)") != std::string::npos);
  pugi::xml_document junit;
  REQUIRE(junit.load_string(report::render_junit(empty, {}).c_str()));
  CHECK(junit.child("testsuites"));
  CHECK_FALSE(junit.child("testsuites").first_child());
}

TEST_CASE("render: junit falls back to localhost when the host name is unknown") {
  auto sample = sample::report();
  sample.host.erase("hostname");
  pugi::xml_document junit;
  REQUIRE(junit.load_string(report::render_junit(sample, {}).c_str()));
  CHECK(std::string(junit.child("testsuites").child("testsuite").attribute("hostname").value()) == "localhost");
}

TEST_CASE("render: rendered into pieces, every format gives the bytes render gives") {
  auto failed = sample::report();
  failed.failure = "the engine could not be reached";
  for (const auto& [name, report] : {std::pair{"sample", sample::report()}, {"long", sample::long_report()}, {"failed", failed}}) {
    for (Format format : {Format::text, Format::json, Format::html, Format::junit, Format::xccdf, Format::prometheus, Format::sarif}) {
      const std::string report_name = name;
      CAPTURE(report_name);
      CAPTURE(report::file_extension(format));
      const auto whole = report::render(report, format, {});
      for (const std::size_t chunk : {std::size_t{1}, std::size_t{4096}, report::kSpillChunk}) {
        std::string joined;
        std::size_t pieces = 0;
        report::render_into(report, format, {}, [&](std::string_view piece) {
          CHECK_FALSE(piece.empty());
          joined += piece;
          ++pieces;
        }, chunk);
        CHECK(joined == whole);
        // The large formats are handed on as they are made: JSON and XCCDF a container at a time
        // (long has 123 on 5.5), SARIF a finding at a time (long has 49), HTML and JUnit as pugixml saves them, a buffer at a time.
        if (chunk == 1 && report_name == "long" && (format == Format::json || format == Format::xccdf)) CHECK(pieces > 123);
        if (chunk == 1 && report_name == "long" && format == Format::sarif) CHECK(pieces >= 49);
        if (chunk == 1 && !report.failure && (format == Format::html || format == Format::junit)) CHECK(pieces > 1);
      }
    }
  }
}
