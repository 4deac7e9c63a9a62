// SPDX-License-Identifier: Apache-2.0
// Writes the hand-made sample report (hostile host values, every state) in
// every format into the directory given, for the consumer tests.
#include <filesystem>
#include <iostream>

#include "../unit/report/sample_report.hpp"
#include "report/render.hpp"
#include "util/atomic_file.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_sample_report DIR\n";
    return 2;
  }
  using dockcis::report::Format;
  const std::filesystem::path dir = argv[1];
  const auto report = sample::report();
  const struct {
    const char* name;
    Format format;
    dockcis::report::RenderOptions options;
  } outputs[] = {
      {"sample.txt", Format::text, {.verbose = true}},
      {"sample.json", Format::json, {}},
      {"sample.html", Format::html, {}},
      {"sample.junit.xml", Format::junit, {}},
      {"sample-instances.junit.xml", Format::junit, {.junit_per_instance = true}},
      {"sample.xccdf.xml", Format::xccdf, {}},
      {"sample.sarif", Format::sarif, {}},
  };
  for (const auto& output : outputs) {
    const auto content = dockcis::report::render(report, output.format, output.options);
    if (auto written = dockcis::util::write_file_atomically(dir / output.name, content); !written) {
      std::cerr << written.error() << "\n";
      return 1;
    }
  }
  // One check over three pages of containers, the hostile name on the last.
  const auto long_html = dockcis::report::render(sample::long_report(), Format::html, {});
  if (auto written = dockcis::util::write_file_atomically(dir / "sample-long.html", long_html); !written) {
    std::cerr << written.error() << "\n";
    return 1;
  }
  return 0;
}
