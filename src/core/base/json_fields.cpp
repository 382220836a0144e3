#include "core/base/json_fields.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"

namespace taperlab::json_fields {

std::string path(const std::string& field, const char* key) {
  return field.empty() ? std::string(key) : field + "." + key;
}

const nlohmann::json& member(const nlohmann::json& obj, const char* key, const std::string& field) {
  if (!obj.is_object()) throw ValidationError(field, "expected an object");
  const auto it = obj.find(key);
  if (it == obj.end()) throw ValidationError(path(field, key), "is missing");
  return *it;
}

const nlohmann::json* optional_member(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

namespace {

double number_value(const nlohmann::json& v, const char* key, const std::string& field) {
  if (!v.is_number()) throw ValidationError(path(field, key), "expected a number");
  return v.get<double>();
}

std::string text_value(const nlohmann::json& v, const char* key, const std::string& field) {
  if (!v.is_string()) throw ValidationError(path(field, key), "expected a string");
  return v.get<std::string>();
}

bool boolean_value(const nlohmann::json& v, const char* key, const std::string& field) {
  if (!v.is_boolean()) throw ValidationError(path(field, key), "expected true or false");
  return v.get<bool>();
}

int whole_number_value(const nlohmann::json& v, const char* key, const std::string& field, int min,
                       int max) {
  const double x = number_value(v, key, field);
  if (!(x >= min && x <= max) || x != std::floor(x)) {
    throw ValidationError(path(field, key), "expected a whole number from " + std::to_string(min) +
                                                " to " + std::to_string(max));
  }
  return static_cast<int>(x);
}

}  // namespace

double number(const nlohmann::json& obj, const char* key, const std::string& field) {
  return number_value(member(obj, key, field), key, field);
}

std::string text(const nlohmann::json& obj, const char* key, const std::string& field) {
  return text_value(member(obj, key, field), key, field);
}

bool boolean(const nlohmann::json& obj, const char* key, const std::string& field) {
  return boolean_value(member(obj, key, field), key, field);
}

int whole_number(const nlohmann::json& obj, const char* key, const std::string& field, int min,
                 int max) {
  return whole_number_value(member(obj, key, field), key, field, min, max);
}

std::optional<double> optional_number(const nlohmann::json& obj, const char* key,
                                      const std::string& field) {
  const nlohmann::json* v = optional_member(obj, key);
  if (v == nullptr) return std::nullopt;
  return number_value(*v, key, field);
}

std::optional<std::string> optional_text(const nlohmann::json& obj, const char* key,
                                         const std::string& field) {
  const nlohmann::json* v = optional_member(obj, key);
  if (v == nullptr) return std::nullopt;
  return text_value(*v, key, field);
}

std::optional<bool> optional_boolean(const nlohmann::json& obj, const char* key,
                                     const std::string& field) {
  const nlohmann::json* v = optional_member(obj, key);
  if (v == nullptr) return std::nullopt;
  return boolean_value(*v, key, field);
}

std::optional<int> optional_whole_number(const nlohmann::json& obj, const char* key,
                                         const std::string& field, int min, int max) {
  const nlohmann::json* v = optional_member(obj, key);
  if (v == nullptr) return std::nullopt;
  return whole_number_value(*v, key, field, min, max);
}

}  // namespace taperlab::json_fields
