// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace dockcis::util {

/// Makes `count` items on helper threads and hands them out in order: the
/// reports an ingest stores are read and validated ahead of the database,
/// the formats of one audit are rendered and written two at a time. next()
/// gives item 0, 1, ... in turn; while the next one is not ready the caller
/// makes another itself. At most `window` items are made and not yet handed
/// out (memory stays bounded however many there are). With no helper (one
/// core, or none could be started) the caller makes every item. An exception
/// thrown by `make` is rethrown by the next() of its item.
template <typename T>
class MadeInOrder {
 public:
  using Make = std::function<T(std::size_t index)>;

  MadeInOrder(std::size_t count, unsigned helpers, std::size_t window, Make make)
      : make_(std::move(make)), slots_(count), window_(std::max<std::size_t>(window, 1)) {
    try {
      for (unsigned i = 0; i < helpers && i + 1 < count; ++i) {
        helpers_.emplace_back([this](const std::stop_token& stop) { help(stop); });
      }
    } catch (const std::system_error&) {
      // No more threads to be had: those started, or the caller, make the rest.
    }
  }

  /// The next item in order; nullopt after the last.
  std::optional<T> next() {
    std::unique_lock lock(mutex_);
    if (handed_ >= slots_.size()) return std::nullopt;
    auto& slot = slots_[handed_];
    while (!slot.ready) {
      if (const auto mine = claim_locked(); mine < slots_.size()) {
        lock.unlock();
        make_into(mine);
        lock.lock();
      } else {
        changed_.wait(lock, [&] { return slot.ready; });
      }
    }
    auto made = std::move(slot);
    slot = Slot{};
    ++handed_;
    lock.unlock();
    changed_.notify_all();
    if (made.error) std::rethrow_exception(made.error);
    return std::move(made.item);
  }

 private:
  struct Slot {
    std::optional<T> item;
    std::exception_ptr error;
    bool ready = false;
  };

  /// The next index to make when the window allows one; the count when not.
  std::size_t claim_locked() {
    if (claimed_ >= slots_.size() || claimed_ >= handed_ + window_) return slots_.size();
    return claimed_++;
  }

  void make_into(std::size_t index) {
    Slot made;
    try {
      made.item.emplace(make_(index));
    } catch (...) {
      made.error = std::current_exception();
    }
    made.ready = true;
    {
      const std::lock_guard lock(mutex_);
      slots_[index] = std::move(made);
    }
    changed_.notify_all();
  }

  void help(const std::stop_token& stop) {
    while (true) {
      std::size_t index = slots_.size();
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, stop, [&] { return (index = claim_locked()) < slots_.size() || claimed_ >= slots_.size(); });
        if (stop.stop_requested() || index >= slots_.size()) return;
      }
      make_into(index);
    }
  }

  Make make_;
  std::vector<Slot> slots_;
  std::size_t window_;
  std::size_t claimed_ = 0;  ///< the first index nobody has started
  std::size_t handed_ = 0;   ///< items handed out
  std::mutex mutex_;
  std::condition_variable_any changed_;
  std::vector<std::jthread> helpers_;  ///< last: stopped and joined before the rest goes
};

}  // namespace dockcis::util
