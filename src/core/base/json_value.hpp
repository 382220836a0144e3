#pragma once

// A JSON value held by a record (a stored plan and its request, a decision's evidence, a test
// session's scores) without the record's header including nlohmann/json.hpp: that header costs
// every file that includes it seconds to compile, and the records are included almost everywhere.
// Only the files that read or write the value include it; they use the value as a nlohmann::json
// through * and -> (or pass it where a const nlohmann::json& is taken). A value copies as the
// document it holds; a default one is null.

#include <memory>
#include <nlohmann/json_fwd.hpp>

namespace taperlab {

class JsonValue {
 public:
  JsonValue() noexcept;
  JsonValue(nlohmann::json value);  // NOLINT(google-explicit-constructor): records take documents
  JsonValue(const JsonValue& other);
  JsonValue(JsonValue&& other) noexcept;
  JsonValue& operator=(const JsonValue& other);
  JsonValue& operator=(JsonValue&& other) noexcept;
  ~JsonValue();

  [[nodiscard]] const nlohmann::json& get() const;
  nlohmann::json& get();
  const nlohmann::json& operator*() const { return get(); }
  nlohmann::json& operator*() { return get(); }
  const nlohmann::json* operator->() const { return &get(); }
  nlohmann::json* operator->() { return &get(); }
  // NOLINTNEXTLINE(google-explicit-constructor): read wherever a document is
  operator const nlohmann::json&() const { return get(); }

  friend bool operator==(const JsonValue& a, const JsonValue& b);
  friend bool operator==(const JsonValue& a, const nlohmann::json& b);

 private:
  std::unique_ptr<nlohmann::json> value_;  // null: the JSON null (nothing allocated)
};

}  // namespace taperlab
