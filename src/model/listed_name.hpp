// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace dockcis::model {

/// The most bytes of an id, a name or an image reference a report shows
/// (then cut after whole characters, with "…"): the engine's texts are not
/// bounded (a name of megabytes would be copied into every result naming
/// it); Docker's own are shorter (an image reference at most about 460
/// bytes: a 255-byte name, a 128-byte tag and a digest), so waivers match
/// them whole.
inline constexpr std::size_t kShownSubjectText = 1024;

/// `text` as reports show an id, a name or an image reference: itself when
/// it holds at most kShownSubjectText bytes, else cut (util::shortened).
std::string shown_subject_text(std::string text);

/// The name reports give an entry of an Engine API list: a container's first
/// name (without its '/'), a network's name, an image's first tag; else the
/// first 12 characters of its id. Hostile lists put anything in these
/// fields: only strings name an entry.
std::string listed_name(const nlohmann::json& entry);

/// How a user recognises an entry of the Engine API list of `collection`
/// ("container", "image", "network"): a container's first name (without its
/// '/'), an image's first tag, a network's name, cut as shown_subject_text
/// cuts; else the first 12 characters of the id (after "sha256:"). The
/// collector sorts the container list by it, then by Id.
std::string display_name(std::string_view collection, const nlohmann::json& entry);

}  // namespace dockcis::model
