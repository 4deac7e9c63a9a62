// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <expected>
#include <string_view>

#include <nlohmann/json.hpp>

#include "collect/docker/docker_api.hpp"

namespace dockcis::collect {

/// One Engine API list and the most entries dockcis reads from it.
struct ListCap {
  std::size_t max_entries = 0;
  std::string_view noun;    ///< "containers"
  std::string_view option;  ///< "--max-containers"
};

/// Refuses a list body with more entries than the cap (DockerApi::get's screen), counted without building the document.
DockerApi::Screen cap_screen(std::string_view path, const ListCap& cap);

/// GETs a list; one with more entries than the cap is a too_large error
/// naming the count, the cap and the option that raises it. Its entries are
/// counted without building the document, so an over-long list costs its
/// body and no tree. With `kept_parts`, only those are built.
std::expected<nlohmann::json, ApiError> get_capped_list(DockerApi& api, std::string_view path, const ListCap& cap,
                                                        const util::JsonKeep* kept_parts = nullptr);

}  // namespace dockcis::collect
