#pragma once

// Typed reads of JSON members that stop at the first problem and name its field
// ("plan.steps[2].day"): the one reader helper for the documents taperlab writes and reads back
// (stored plans and their requests, plan files) and for the fields of an API request's body.
// Records that report every problem at once are read by records_json.cpp's reader instead.
// `field` is the path of `obj`; an empty path names the member by its key alone ("date").

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace taperlab::json_fields {

// Parses a whole document (a file the command line reads). Malformed text, and a number no double
// holds (1e999), are a ValidationError naming where in the document it happened, by the path of
// the member being read ("plan_versions[0].plan.steps[2].dose_mg"; "" at the top), with the line
// and column: never nlohmann's own exception, which names neither.
nlohmann::json parse_document(std::string_view text);

// The path of `key` in `obj`: "field.key", or "key" when `field` is empty.
std::string path(const std::string& field, const char* key);

// The member, which must be there (ValidationError "expected an object" or "is missing").
const nlohmann::json& member(const nlohmann::json& obj, const char* key, const std::string& field);
// The member, or nullptr when it is absent or null (or `obj` is not an object).
const nlohmann::json* optional_member(const nlohmann::json& obj, const char* key);

double number(const nlohmann::json& obj, const char* key, const std::string& field);
std::string text(const nlohmann::json& obj, const char* key, const std::string& field);
bool boolean(const nlohmann::json& obj, const char* key, const std::string& field);
// A whole number from `min` to `max`: a plan's days and indexes, checked before they become ints
// (a plan can come from an imported file, and a double outside int's range converts undefinedly).
int whole_number(const nlohmann::json& obj, const char* key, const std::string& field, int min,
                 int max);

// `v` as a whole number from `min` to `max`, checked as a 64-bit integer before anything narrows
// it: 2^32 + 1 is refused as itself, never read as 1. A number with a fraction, or beyond 64 bits,
// is refused too. The message shows the value ("expected a whole number from 0 to 3, got
// 4294967297"); `field` names `v` itself ("answers[8]").
std::int64_t integer_value(const nlohmann::json& v, const std::string& field, std::int64_t min,
                           std::int64_t max);

// The same for members that may be absent or null (std::nullopt then).
std::optional<double> optional_number(const nlohmann::json& obj, const char* key,
                                      const std::string& field);
std::optional<std::string> optional_text(const nlohmann::json& obj, const char* key,
                                         const std::string& field);
std::optional<bool> optional_boolean(const nlohmann::json& obj, const char* key,
                                     const std::string& field);
std::optional<int> optional_whole_number(const nlohmann::json& obj, const char* key,
                                         const std::string& field, int min, int max);

}  // namespace taperlab::json_fields
