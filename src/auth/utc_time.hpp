#pragma once

// UTC timestamps as the store keeps them: "YYYY-MM-DDTHH:MM:SSZ" (ISO 8601, 20 characters),
// which sort as text in time order. Arithmetic only; the time now comes from the caller.

#include <chrono>
#include <string>
#include <string_view>

namespace taperlab::auth {

// Parses a timestamp of exactly that form; throws ValidationError naming `field` otherwise.
std::chrono::sys_seconds parse_utc(std::string_view text, const std::string& field);
std::string format_utc(std::chrono::sys_seconds time);

// `utc` moved by `seconds` (negative for earlier): a session's expiry, a window's start.
std::string utc_plus_seconds(const std::string& utc, long long seconds);

}  // namespace taperlab::auth
