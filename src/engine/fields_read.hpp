// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

#include "model/fields_read.hpp"
#include "engine/loader.hpp"
#include "engine/select.hpp"
#include "model/check.hpp"

namespace dockcis::engine {

/// The parts of the per-instance Engine API documents (container and image
/// inspects) that the given checks read: their tests', plucks' and evidence's
/// pointers, by fact kind. A kind read whole (select "") maps to {""}.
model::FieldsRead fields_read(const std::vector<const model::Check*>& checks);

/// The same for the checks `selection` selects in any profile.
model::FieldsRead fields_read(const Catalogue& catalogue, const Selection& selection);

}  // namespace dockcis::engine
