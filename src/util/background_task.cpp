// SPDX-License-Identifier: Apache-2.0
#include "util/background_task.hpp"

#include <exception>
#include <system_error>
#include <utility>

namespace dockcis::util {

void BackgroundTask::State::run() noexcept {
  try {
    outcome = work();
  } catch (const std::exception& error) {
    outcome = std::unexpected(std::string(error.what()));
  } catch (...) {
    outcome = std::unexpected(std::string("an exception of unknown type"));
  }
}

BackgroundTask::BackgroundTask(Work work) : state_(std::make_unique<State>(State{std::move(work), {}, false})) {
  try {
    thread_ = std::jthread([state = state_.get()] { state->run(); });
  } catch (const std::system_error&) {
    state_->run();
  }
}

std::expected<void, std::string> BackgroundTask::result() {
  if (!state_ || state_->taken) return std::unexpected(std::string("the result was already taken"));
  if (thread_.joinable()) thread_.join();
  state_->taken = true;
  return std::move(state_->outcome);
}

}  // namespace dockcis::util
