#include "core/instruments/data_file_reader.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"

namespace taperlab {

using nlohmann::json;

void DataFileReader::fail(const std::string& field, const std::string& message) const {
  throw DataFileError(file_, item_, field, message);
}

std::string DataFileReader::join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

const json& DataFileReader::object(const json& v, const std::string& field) const {
  if (!v.is_object()) fail(field, "expected an object");
  return v;
}

const json& DataFileReader::member(const json& obj, const std::string& key,
                                   const std::string& path) const {
  const json* v = optional_member(obj, key, path);
  if (v == nullptr) fail(join(path, key), "is missing");
  return *v;
}

const json* DataFileReader::optional_member(const json& obj, const std::string& key,
                                            const std::string& path) const {
  object(obj, path);
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string DataFileReader::text(const json& obj, const std::string& key,
                                 const std::string& path) const {
  const json& v = member(obj, key, path);
  if (!v.is_string() || v.get<std::string>().empty()) {
    fail(join(path, key), "expected a non-empty string");
  }
  return v.get<std::string>();
}

std::string DataFileReader::optional_text(const json& obj, const std::string& key,
                                          const std::string& path) const {
  if (optional_member(obj, key, path) == nullptr) return "";
  return text(obj, key, path);
}

int DataFileReader::integer(const json& v, const std::string& field) const {
  if (!v.is_number_integer()) fail(field, "expected a whole number");
  const auto x = v.get<long long>();
  if (x < std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max()) {
    fail(field, "is out of range");
  }
  return static_cast<int>(x);
}

bool DataFileReader::boolean(const json& obj, const std::string& key,
                             const std::string& path) const {
  const json& v = member(obj, key, path);
  if (!v.is_boolean()) fail(join(path, key), "expected true or false");
  return v.get<bool>();
}

Evidence DataFileReader::evidence(const json& obj, const std::string& key,
                                  const std::string& path) const {
  const std::string s = text(obj, key, path);
  if (s == "published") return Evidence::kPublished;
  if (s == "derived") return Evidence::kDerived;
  if (s == "assumed") return Evidence::kAssumed;
  fail(join(path, key), "unknown evidence '" + s + "' (expected published, derived or assumed)");
}

void DataFileReader::expect_keys(const json& obj, std::initializer_list<const char*> allowed,
                                 const std::string& path) const {
  object(obj, path);
  for (const auto& item : obj.items()) {
    // Not a structured binding: clang 14 (the fuzz preset) cannot capture one in a lambda.
    const std::string& key = item.key();
    const bool known =
        std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
    if (!known) fail(join(path, key), "unknown key (misspelt?)");
  }
}

void DataFileReader::forbid(const json& obj, const std::string& key, const std::string& path,
                            const std::string& why) const {
  if (obj.is_object() && obj.contains(key)) fail(join(path, key), why);
}

}  // namespace taperlab
