// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

namespace dockcis::model {

/// A control of another framework that a check implements, with the public
/// source that states the mapping.
struct ControlRef {
  std::string framework;  ///< "nist-800-53-r5" or "cis-controls-v8"
  std::string id;         ///< e.g. "AC-6(9)", "4.1"
  std::string source;
};

}  // namespace dockcis::model
