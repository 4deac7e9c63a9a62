// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/engine_session.hpp"

#include <system_error>

#include "util/free_memory.hpp"
#include "util/json_access.hpp"

namespace dockcis::collect {
namespace {

// An error that still shows a daemon answering: the run goes on without the document.
bool answered(const ApiError& error) {
  return error.kind == ApiError::Kind::http || error.kind == ApiError::Kind::malformed || error.kind == ApiError::Kind::too_large;
}

std::optional<EngineSession::ContainerCensus> census_of(const model::json& info) {
  if (!info.is_object()) return std::nullopt;
  const auto root = info.find("DockerRootDir");
  const auto containers = info.find("Containers");
  if (root == info.end() || !root->is_string() || containers == info.end() || !containers->is_number_unsigned()) return std::nullopt;
  return EngineSession::ContainerCensus{root->get<std::string>(), containers->get<std::uint64_t>()};
}

}  // namespace

void EngineSession::open_early() {
  if (early_.valid()) return;
  try {
    early_ = std::async(std::launch::async, [this] { return open_now(true); });
  } catch (const std::system_error&) {
    // No thread to be had: open() asks in its turn.
  }
}

std::expected<void, ApiError> EngineSession::open(bool read_info) {
  if (early_.valid()) return early_.get();
  return open_now(read_info);
}

std::expected<void, ApiError> EngineSession::open_now(bool read_info) {
  census_.reset();
  auto negotiated = api_.negotiate();
  if (!negotiated && !answered(negotiated.error())) return std::unexpected(negotiated.error());
  if (api_.version_answer()) {
    version_ = *api_.version_answer();
  } else if (read_info) {
    auto answers = api_.get_many({"/version", "/info"});
    version_ = std::move(answers[0]);
    info_ = std::move(answers[1]);
    if (*info_) {
      size_pages_for(util::get_or(**info_, "Containers", std::int64_t{0}));
      census_ = census_of(**info_);
    }
  } else {
    version_ = api_.get("/version");
  }
  if (!version_ && !answered(version_.error())) return std::unexpected(version_.error());
  if (!version_) return {};
  // A daemon whose API range does not meet dockcis' is refused in one message:
  // read in an unknown or unsupported version, every document could mislead.
  const auto newest = util::get_or(*version_, "ApiVersion", "");
  const auto oldest = util::get_or(*version_, "MinAPIVersion", newest);
  const bool too_new = !oldest.empty() && api_version_less(kNewestKnownApi, oldest);
  const bool too_old = !newest.empty() && api_version_less(newest, kOldestSupportedApi);
  if (too_new || too_old) {
    return std::unexpected(ApiError{ApiError::Kind::unreachable, 0,
                                    "the Docker daemon at " + api_.socket_path() + " speaks Engine API " + oldest + " to " + newest +
                                        "; dockcis reads " + std::string(kOldestSupportedApi) + " to " + std::string(kNewestKnownApi) +
                                        (too_new ? " (a newer dockcis knows this engine)" : " (the engine is older than dockcis supports)")});
  }
  return {};
}

void size_pages_for(std::int64_t containers) {
  if (containers > static_cast<std::int64_t>(util::kLargeAuditContainers)) util::keep_small_pages();
}

model::Unavailable unavailable(const ApiError& error) {
  using model::ErrorKind;
  switch (error.kind) {
    case ApiError::Kind::unreachable: return {error.message, ErrorKind::unreachable};
    case ApiError::Kind::permission: return {error.message, ErrorKind::permission_denied};
    case ApiError::Kind::timeout: return {error.message, ErrorKind::timed_out};
    case ApiError::Kind::http: return {error.message, ErrorKind::daemon_error};
    case ApiError::Kind::malformed: return {error.message, ErrorKind::malformed_answer};
    case ApiError::Kind::too_large: return {error.message, ErrorKind::too_large};
  }
  return {error.message, ErrorKind::other};
}

model::Fact as_fact(std::expected<model::json, ApiError> result) {
  if (result) return std::move(*result);
  return std::unexpected(unavailable(result.error()));
}

}  // namespace dockcis::collect
