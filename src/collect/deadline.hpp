// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <chrono>

#include "collect/fact_request.hpp"
#include "model/unavailable.hpp"

// The run's deadline (--deadline) as collectors see it: what was not read by
// then is timed out, and says that the deadline, not the host, cut it.
namespace dockcis::collect {

/// What starts this close to the deadline could not finish before it; and
/// libcurl may end a request cut at the deadline a few milliseconds early.
inline constexpr std::chrono::milliseconds kDeadlineMargin{50};

[[nodiscard]] inline bool past_deadline(const Sources& sources) {
  return sources.deadline && std::chrono::steady_clock::now() + kDeadlineMargin >= *sources.deadline;
}

/// Why a fact was not read: the deadline passed before dockcis got to it.
[[nodiscard]] inline model::Unavailable deadline_passed() {
  return {"not read: the run's deadline (--deadline) had passed", model::ErrorKind::timed_out};
}

}  // namespace dockcis::collect
