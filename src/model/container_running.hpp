// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <nlohmann/json_fwd.hpp>

namespace dockcis::model {

/// Whether a listed container runs, decided the same way by the checks of
/// running containers and by the collectors of its processes: its inspect's
/// boolean State.Running (the fresher document; a paused container runs,
/// frozen, while one waiting to restart, State.Restarting, has no process
/// and does not); without one, its list entry's State text ("running");
/// when neither says, it counts as running, so that it is judged, and its
/// processes looked for, rather than passed over. `inspect` is nullptr when
/// the inspect was not read.
bool container_running(const nlohmann::json& list_entry, const nlohmann::json* inspect);

}  // namespace dockcis::model
