#pragma once

// A request's target ("/api/v1/people/7/today?date=2026-03-01") read strictly: the path and the
// query's values percent-decoded, and refused when it is not origin-form, holds a malformed
// escape or holds a NUL byte (raw or %00) anywhere: "/index.html%00.png" is no file name.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace taperlab::server {

struct RequestTarget {
  std::string path;                          // decoded; '+' stays '+'
  std::map<std::string, std::string> query;  // decoded ('+' is a space); the first value wins
};

// The target, or nullopt with the reason in `why` (for a 400 answer's detail).
std::optional<RequestTarget> parse_request_target(std::string_view target, std::string& why);

// "%41+b" -> "A b" (plus_is_space) or "A+b"; nullopt for a malformed escape ("%4", "%zz").
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace taperlab::server
