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

}  // namespace taperlab::json_fields
