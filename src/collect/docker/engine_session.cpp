// SPDX-License-Identifier: Apache-2.0
#include "collect/docker/engine_session.hpp"

namespace dockcis::collect {
namespace {

// An error that still shows a daemon answering: the run goes on without the document.
bool answered(const ApiError& error) {
  return error.kind == ApiError::Kind::http || error.kind == ApiError::Kind::malformed || error.kind == ApiError::Kind::too_large;
}

}  // namespace

std::expected<void, ApiError> EngineSession::open() {
  auto negotiated = api_.negotiate();
  if (!negotiated && !answered(negotiated.error())) return std::unexpected(negotiated.error());
  version_ = api_.version_answer() ? *api_.version_answer() : api_.get("/version");
  if (!version_ && !answered(version_.error())) return std::unexpected(version_.error());
  return {};
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
