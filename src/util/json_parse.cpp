// SPDX-License-Identifier: Apache-2.0
#include "util/json_parse.hpp"

#include "util/utf8.hpp"

namespace dockcis::util {
namespace {

using nlohmann::json;

struct Refused {
  JsonError error;
};

}  // namespace

std::expected<json, JsonError> parse_json(std::string_view text, const JsonLimits& limits) {
  // nlohmann's parser keeps its own stack (no recursion); the callback stops
  // it before a document nests deeper or holds longer text than allowed.
  const json::parser_callback_t bounded = [&limits](int depth, json::parse_event_t event, json& parsed) {
    const bool opens = event == json::parse_event_t::object_start || event == json::parse_event_t::array_start;
    if (opens && static_cast<std::size_t>(depth) >= limits.max_depth) {
      throw Refused{{JsonError::Kind::too_deep, "nested deeper than " + std::to_string(limits.max_depth) + " levels"}};
    }
    if ((event == json::parse_event_t::value || event == json::parse_event_t::key) && parsed.is_string() &&
        parsed.get_ref<const std::string&>().size() > limits.max_string) {
      throw Refused{{JsonError::Kind::string_too_long,
                     "holds a text longer than " + std::to_string(limits.max_string / 1024) + " KiB"}};
    }
    return true;
  };
  // Bytes that are not UTF-8 (Latin-1 names and labels) can only sit inside
  // strings: they become U+FFFD, as everywhere facts are stored, instead of
  // making the whole document unreadable.
  std::string repaired;
  if (!is_valid_utf8(text)) {
    repaired = valid_utf8(text);
    text = repaired;
  }
  try {
    return json::parse(text.begin(), text.end(), bounded, true, limits.allow_comments);
  } catch (const Refused& refused) {
    return std::unexpected(refused.error);
  } catch (const json::exception& error) {
    return std::unexpected(JsonError{JsonError::Kind::syntax, valid_utf8(error.what())});
  }
}

}  // namespace dockcis::util
