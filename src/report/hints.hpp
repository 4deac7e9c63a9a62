// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>

namespace dockcis::report {

/// What a reader can do about a result dockcis could not decide, from the
/// reason it gives ("" when there is nothing useful to add).
std::string hint_for(std::string_view reason);

}  // namespace dockcis::report
