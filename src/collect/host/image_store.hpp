// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

#include "model/fact_store.hpp"

// Where the engine keeps image layers, for reading them on the host (CIS 4.8):
// Docker's own storage driver (overlay2: one directory per layer under the
// data root) or containerd's image store, whose snapshots have no layer
// directories in image inspect.
namespace dockcis::collect {

/// Whether docker info's DriverStatus names containerd's snapshotter
/// ("driver-type": "io.containerd.snapshotter.v1").
bool containerd_image_store(const model::json& info);

/// What a reviewer types for an image of the image list: its first tag, else its id.
std::string image_reference(const model::json& entry);

/// Why an image's setuid and setgid files cannot be read from the host, in a
/// sentence, with the command a reviewer can run instead on `reference`.
std::string unreadable_layers_reason(const model::json& inspect, const std::string& reference, bool containerd_store);

}  // namespace dockcis::collect
