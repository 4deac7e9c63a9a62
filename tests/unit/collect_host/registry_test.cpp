// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "collect/collectors.hpp"
#include "model/fact_kinds.hpp"

using namespace dockcis;

TEST_CASE("every registered kind of fact has a collector") {
  for (const auto& kind : model::fact_kinds()) {
    CAPTURE(kind.name);
    CHECK(static_cast<bool>(collect::collector_for(kind.name)));
  }
  CHECK_FALSE(static_cast<bool>(collect::collector_for("host.nothing")));
}
