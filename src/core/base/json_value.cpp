#include "core/base/json_value.hpp"

#include <nlohmann/json.hpp>

namespace taperlab {
namespace {

const nlohmann::json kNull;

}  // namespace

JsonValue::JsonValue() noexcept = default;

JsonValue::JsonValue(nlohmann::json value)
    : value_(value.is_null() ? nullptr : std::make_unique<nlohmann::json>(std::move(value))) {}

JsonValue::JsonValue(const JsonValue& other)
    : value_(other.value_ ? std::make_unique<nlohmann::json>(*other.value_) : nullptr) {}

JsonValue::JsonValue(JsonValue&& other) noexcept = default;

JsonValue& JsonValue::operator=(const JsonValue& other) {
  if (this != &other) {
    value_ = other.value_ ? std::make_unique<nlohmann::json>(*other.value_) : nullptr;
  }
  return *this;
}

JsonValue& JsonValue::operator=(JsonValue&& other) noexcept = default;

JsonValue::~JsonValue() = default;

const nlohmann::json& JsonValue::get() const { return value_ ? *value_ : kNull; }

nlohmann::json& JsonValue::get() {
  if (!value_) value_ = std::make_unique<nlohmann::json>();
  return *value_;
}

bool operator==(const JsonValue& a, const JsonValue& b) { return a.get() == b.get(); }

bool operator==(const JsonValue& a, const nlohmann::json& b) { return a.get() == b; }

}  // namespace taperlab
