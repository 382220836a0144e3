#pragma once

// Typed reads of JSON members that stop at the first problem and name its field
// ("plan.steps[2].day"): the one reader helper for the documents taperlab writes and reads back
// (stored plans and their requests, plan files) and for the fields of an API request's body.
// Records that report every problem at once are read by records_json.cpp's reader instead.
// `field` is the path of `obj`; an empty path names the member by its key alone ("date").

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

namespace taperlab::json_fields {

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
