// SPDX-License-Identifier: Apache-2.0
#include "engine/patterns.hpp"

#include <re2/re2.h>

#include <map>
#include <memory>
#include <mutex>

namespace dockcis::engine {
namespace {

// Patterns only ever enter the cache; a pointer handed out stays valid.
struct Cache {
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<re2::RE2>, std::less<>> compiled;
};

Cache& cache() {
  static Cache instance;
  return instance;
}

re2::RE2::Options options() {
  re2::RE2::Options options;
  options.set_log_errors(false);
  // A check pattern is short; the bound keeps a hostile one from taking memory.
  options.set_max_mem(8 << 20);
  return options;
}

const re2::RE2* compiled(const std::string& text) {
  auto& shared = cache();
  const std::lock_guard lock(shared.mutex);
  auto found = shared.compiled.find(text);
  if (found == shared.compiled.end()) found = shared.compiled.emplace(text, std::make_unique<re2::RE2>(text, options())).first;
  return found->second.get();
}

}  // namespace

std::string compile_pattern(const std::string& pattern) {
  const auto* re = compiled(pattern);
  return re->ok() ? std::string() : "invalid regular expression '" + pattern + "': " + re->error();
}

const re2::RE2* pattern(std::string_view text) {
  const auto* re = compiled(std::string(text));
  return re->ok() ? re : nullptr;
}

bool search(const re2::RE2& pattern, std::string_view text) { return re2::RE2::PartialMatch(text, pattern); }
bool whole_match(const re2::RE2& pattern, std::string_view text) { return re2::RE2::FullMatch(text, pattern); }

}  // namespace dockcis::engine
