#pragma once

// Typed reads of JSON members that name the field on every failure ("plan.steps[2].day"), for the
// documents taperlab writes and reads back (stored plans and their requests).

#include <nlohmann/json.hpp>
#include <string>

namespace taperlab::json_fields {

const nlohmann::json& member(const nlohmann::json& obj, const char* key, const std::string& field);
double number(const nlohmann::json& obj, const char* key, const std::string& field);
std::string text(const nlohmann::json& obj, const char* key, const std::string& field);
bool boolean(const nlohmann::json& obj, const char* key, const std::string& field);
// A whole number from `min` to `max`: a plan's days and indexes, checked before they become ints
// (a plan can come from an imported file, and a double outside int's range converts undefinedly).
int whole_number(const nlohmann::json& obj, const char* key, const std::string& field, int min,
                 int max);

}  // namespace taperlab::json_fields
