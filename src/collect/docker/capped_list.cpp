// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/capped_list.hpp"

#include <optional>
#include <string>

#include "util/json_count.hpp"

namespace dockcis::collect {

DockerApi::Screen cap_screen(std::string_view path, const ListCap& cap) {
  return [path = std::string(path), cap](std::string_view body) -> std::optional<ApiError> {
    const auto entries = util::count_array_entries(body);
    if (!entries || *entries <= cap.max_entries) return std::nullopt;
    return ApiError{ApiError::Kind::too_large, 200,
                    "GET " + path + ": the engine lists " + std::to_string(*entries) + " " + std::string(cap.noun) +
                        ", more than dockcis reads in one audit (" + std::to_string(cap.max_entries) + ", " +
                        std::string(cap.option) + ")"};
  };
}

std::expected<nlohmann::json, ApiError> get_capped_list(DockerApi& api, std::string_view path, const ListCap& cap,
                                                        const util::JsonKeep* kept_parts) {
  return api.get(path, cap_screen(path, cap), kept_parts);
}

}  // namespace dockcis::collect
