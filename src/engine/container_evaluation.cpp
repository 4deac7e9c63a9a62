// SPDX-License-Identifier: Apache-2.0
#include "engine/container_evaluation.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <future>
#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <system_error>

#include "model/fact_kinds.hpp"
#include "util/free_memory.hpp"
#include "util/json_access.hpp"

namespace dockcis::engine {
namespace {

using model::json;

// What these checks' instances are: the collection their results name and
// the per-instance fact kinds let go.
constexpr std::string_view kInstance = "container";

// Containers decided before their facts go: at thousands of containers the
// facts and the results are then not both held whole.
constexpr std::size_t kBatch = 256;

struct Batch {
  std::size_t begin = 0;
  std::size_t middle = 0;  ///< where the second thread's half starts (`end` with one thread)
  std::size_t end = 0;
};

Batch batch(std::size_t index, std::size_t size, bool halved) {
  const auto begin = index * kBatch;
  const auto end = std::min(size, begin + kBatch);
  return {begin, halved ? begin + (end - begin) / 2 : end, end};
}

// Containers [first, last) across every check, each instance result
// added to its check's result in `into` (one per check).
void evaluate_range(const json& containers, std::size_t first, std::size_t last, const ContainerChecks& checks,
                    const EvalContext& context, const std::vector<model::CheckResult*>& into) {
  for (auto at = first; at < last; ++at) {
    const auto listed = listed_instance(context, kInstance, containers[at]);
    for (std::size_t k = 0; k < checks.indexes.size(); ++k) add_instance(*checks.checks[checks.indexes[k]], context, listed, *into[k]);
  }
}

// Lets each container's facts of every per-container kind go
// ("container/<id>/inspect"...) after the last list entry naming it.
class Releaser {
 public:
  Releaser(const json& containers, model::FactStore* store) : store_(store) {
    if (store_ == nullptr) return;
    for (const auto& entry : containers) ++listed_[util::get_or(entry, "Id", std::string())];
  }

  void release(const json& containers, std::size_t first, std::size_t last) {
    if (store_ == nullptr) return;
    for (auto at = first; at < last; ++at) {
      const auto id = util::get_or(containers[at], "Id", std::string());
      if (--listed_[id] != 0) continue;
      for (const auto& kind : model::fact_kinds()) {
        if (kind.instance_of == kInstance) store_->take(model::instance_key(kind.name, id));
      }
    }
    // On a large host the pages the facts held go back to the system: the
    // second thread's results come from a malloc arena of its own, which
    // cannot reuse them (glibc's malloc at 5,000 containers: 130 MiB at the
    // peak without this, 111 with it).
    if (containers.size() > util::kLargeAuditContainers) util::give_back_free_memory();
  }

 private:
  model::FactStore* store_;
  std::map<std::string, std::size_t, std::less<>> listed_;
};

// The two threads' turns. Letting a batch's facts go changes the store the
// second thread reads, so it starts batch b only once batch b - 1 is let
// go; the first thread takes batch b's second half only once it is decided.
// (util::MadeInOrder does not fit: its threads take whichever item comes
// next and run ahead of the one handed out, and each thread here needs its
// own context and a store that no one changes while it reads.)
class Turns {
 public:
  // Second thread: false when the first has stopped waiting for it.
  bool wait_to_start(std::size_t index) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || may_start_ > index; });
    return !stopped_;
  }
  void decided(std::size_t index) { update([&] { decided_ = index + 1; }); }
  void failed(std::exception_ptr failure) {
    update([&] { failure_ = std::move(failure); });
  }
  // First thread: rethrows what stopped the second.
  void wait_for_decided(std::size_t index) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return failure_ != nullptr || decided_ > index; });
    if (failure_ != nullptr) std::rethrow_exception(failure_);
  }
  void let_go(std::size_t index) { update([&] { may_start_ = index + 2; }); }
  void stop() { update([&] { stopped_ = true; }); }

 private:
  template <typename Change>
  void update(Change change) {
    {
      const std::lock_guard lock(mutex_);
      change();
    }
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t may_start_ = 1;
  std::size_t decided_ = 0;
  bool stopped_ = false;
  std::exception_ptr failure_;
};

// The second thread's halves, one result per check for each batch.
using Halves = std::vector<std::vector<model::CheckResult>>;

void decide_second_halves(const json& containers, const ContainerChecks& checks, const EvalContext& context,
                          Halves& halves, Turns& turns) {
  try {
    for (std::size_t index = 0; index < halves.size(); ++index) {
      if (!turns.wait_to_start(index)) return;
      const auto part = batch(index, containers.size(), true);
      auto& half = halves[index];
      half.resize(checks.indexes.size());
      std::vector<model::CheckResult*> into;
      for (std::size_t k = 0; k < half.size(); ++k) {
        half[k].collection = kInstance;
        into.push_back(&half[k]);
      }
      evaluate_range(containers, part.middle, part.end, checks, context, into);
      turns.decided(index);
    }
  } catch (...) {
    turns.failed(std::current_exception());
  }
}

// Stops the second thread and waits for it, whatever ends the first.
struct StopOnExit {
  Turns& turns;
  std::future<void>& second;
  ~StopOnExit() {
    turns.stop();
    if (second.valid()) second.wait();
  }
};

}  // namespace

void evaluate_listed_containers(const json& containers, const ContainerChecks& checks, const EvalContext& context,
                                std::vector<model::CheckResult>& results, unsigned threads, model::FactStore* releasing) {
  const auto size = containers.size();
  const auto batches = (size + kBatch - 1) / kBatch;
  Releaser releaser(containers, releasing);
  std::vector<model::CheckResult*> into;
  for (const auto index : checks.indexes) into.push_back(&results[index]);
  Halves halves(batches);
  Turns turns;
  const EvalContext second_context{context.facts, context.parameters, context.running_only, context.data};
  std::future<void> second;
  if (threads > 1 && size > 1) {
    try {
      second = std::async(std::launch::async,
                          [&] { decide_second_halves(containers, checks, second_context, halves, turns); });
    } catch (const std::system_error&) {
      // No thread to be had: this one decides every container.
    }
  }
  const StopOnExit stopping{turns, second};
  for (std::size_t index = 0; index < batches; ++index) {
    const auto part = batch(index, size, second.valid());
    evaluate_range(containers, part.begin, part.middle, checks, context, into);
    if (second.valid()) {
      turns.wait_for_decided(index);
      for (std::size_t k = 0; k < into.size(); ++k) {
        std::ranges::move(halves[index][k].instances, std::back_inserter(into[k]->instances));
      }
      halves[index].clear();
    }
    releaser.release(containers, part.begin, part.end);
    turns.let_go(index);
  }
}

}  // namespace dockcis::engine
