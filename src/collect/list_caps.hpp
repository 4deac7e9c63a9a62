// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>

namespace dockcis::collect {

/// How many entries one audit reads from each Engine API list
/// (--max-containers, --max-images, --max-networks). Every listed object
/// costs an inspect and a document in memory; a list longer than its cap is
/// an error for every check that walks it, never a silent subset. The
/// defaults are far above real hosts.
struct ListCaps {
  static constexpr std::size_t kDefault = 10000;
  std::size_t containers = kDefault;
  std::size_t images = kDefault;
  std::size_t networks = kDefault;
};

}  // namespace dockcis::collect
