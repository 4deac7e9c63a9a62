// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "collect/list_caps.hpp"
#include "model/fact_store.hpp"

namespace dockcis::collect {

/// Refuses a snapshot's document whose JSON type is not its kind's (an
/// object, or a list for the instance lists, image histories and container
/// processes), and holds its instance lists (engine.containers, engine.images,
/// engine.networks) to what a live collection keeps: a list that is not an
/// array of objects with a text Id, or longer than its cap, becomes an
/// error fact, the per-instance facts of its collection are let go, and
/// every other fact collected from it (engine.usage, a container's image
/// tag) takes its error; an entry whose Id an earlier entry has is dropped.
/// A snapshot is anyone's file, and the engine lists nothing else.
void screen_snapshot_lists(model::FactStore& store, const ListCaps& caps);

}  // namespace dockcis::collect
