#include "core/journal/json_fields.hpp"

#include <cmath>

#include "core/base/error.hpp"

namespace taperlab::json_fields {

const nlohmann::json& member(const nlohmann::json& obj, const char* key, const std::string& field) {
  if (!obj.is_object() || !obj.contains(key)) throw ValidationError(field + "." + key, "missing");
  return obj.at(key);
}

double number(const nlohmann::json& obj, const char* key, const std::string& field) {
  const nlohmann::json& v = member(obj, key, field);
  if (!v.is_number()) throw ValidationError(field + "." + key, "expected a number");
  return v.get<double>();
}

std::string text(const nlohmann::json& obj, const char* key, const std::string& field) {
  const nlohmann::json& v = member(obj, key, field);
  if (!v.is_string()) throw ValidationError(field + "." + key, "expected a string");
  return v.get<std::string>();
}

bool boolean(const nlohmann::json& obj, const char* key, const std::string& field) {
  const nlohmann::json& v = member(obj, key, field);
  if (!v.is_boolean()) throw ValidationError(field + "." + key, "expected true or false");
  return v.get<bool>();
}

int whole_number(const nlohmann::json& obj, const char* key, const std::string& field, int min,
                 int max) {
  const double v = number(obj, key, field);
  if (!(v >= min && v <= max) || v != std::floor(v)) {
    throw ValidationError(field + "." + key, "expected a whole number from " + std::to_string(min) +
                                                 " to " + std::to_string(max));
  }
  return static_cast<int>(v);
}

}  // namespace taperlab::json_fields
