// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <expected>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "engine/loader.hpp"

namespace dockcis::cli {

/// Reads and validates every check and profile file; all problems in one message.
std::expected<engine::Catalogue, Failure> load_catalogue(const CatalogueOptions& options);

}  // namespace dockcis::cli
