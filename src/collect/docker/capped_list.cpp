// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/capped_list.hpp"

#include <optional>
#include <string>

#include "util/json_count.hpp"

namespace dockcis::collect {

std::expected<nlohmann::json, ApiError> get_capped_list(DockerApi& api, std::string_view path, const ListCap& cap,
                                                        const util::JsonKeep* kept_parts) {
  const auto screen = [&](std::string_view body) -> std::optional<ApiError> {
    const auto entries = util::count_array_entries(body);
    if (!entries || *entries <= cap.max_entries) return std::nullopt;
    return ApiError{ApiError::Kind::too_large, 200,
                    "GET " + std::string(path) + ": the engine lists " + std::to_string(*entries) + " " + std::string(cap.noun) +
                        ", more than dockcis reads in one audit (" + std::to_string(cap.max_entries) + ", " +
                        std::string(cap.option) + ")"};
  };
  return api.get(path, screen, kept_parts);
}

}  // namespace dockcis::collect
