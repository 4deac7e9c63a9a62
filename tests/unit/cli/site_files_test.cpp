// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <fstream>

#include "cli/site_files.hpp"

using namespace dockcis;

TEST_CASE("tailoring and waiver files: missing ones are refused, none given is empty") {
  CHECK(cli::read_tailoring("/nonexistent/site.json").error().message.find("cannot read tailoring file") != std::string::npos);
  CHECK(cli::read_tailoring("").has_value());
  CHECK(cli::read_waivers("/nonexistent/w.json", false).error().code == cli::kUsageError);
  CHECK(cli::read_waivers("", false)->empty());
}

TEST_CASE("a directory or FIFO named as a site file is refused, not read") {
  CHECK(cli::read_tailoring("/").error().message.find("not a regular file") != std::string::npos);
}
