// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace dockcis::util {

/// Work that mostly waits (a file's sync to disk) run on a thread of its
/// own from construction, so that the wait overlaps what the caller does
/// next; result() waits for it. Where no thread can be started, the work is
/// done in the constructor. An exception thrown by the work is its error.
class BackgroundTask {
 public:
  using Work = std::move_only_function<std::expected<void, std::string>()>;

  explicit BackgroundTask(Work work);

  /// Waits for the work; its result. Once: a second call is an error.
  std::expected<void, std::string> result();

 private:
  struct State {
    Work work;
    std::expected<void, std::string> outcome;
    bool taken = false;
    void run() noexcept;
  };
  // The state stays where the thread found it however the task is moved;
  // declared before the thread, which is joined first when the task goes.
  std::unique_ptr<State> state_;
  std::jthread thread_;
};

}  // namespace dockcis::util
