// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>

// The plain words reports use for operators and facts.
namespace dockcis::engine {

/// What an operator requires, as a template over {expected}:
/// "mode_at_most" -> "mode {expected} or stricter".
std::string_view requirement_phrase(std::string_view op);

/// What a fact is called in a sentence: "engine.info" -> "the engine's system
/// information", "host.file:${daemon_json}" -> "the daemon.json dockerd reads".
std::string fact_phrase(const std::string& fact);

/// The path or thing a host fact's argument names, in words when it is a
/// target the collector resolves: "${bin:dockerd}" -> "the dockerd binary".
std::string target_phrase(const std::string& fact);

}  // namespace dockcis::engine
