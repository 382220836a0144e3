#pragma once

// Reads fields of a shipped data file's JSON and throws DataFileError naming the file, the item
// (instrument or country) and the field on the first problem. Shared by the instrument and
// crisis-line parsers so that both report problems the same way.

#include <initializer_list>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/base/sourced.hpp"

namespace taperlab {

class DataFileReader {
 public:
  explicit DataFileReader(std::string file) : file_(std::move(file)) {}

  // The instrument or country the following errors are about.
  void set_item(std::string item) { item_ = std::move(item); }

  [[noreturn]] void fail(const std::string& field, const std::string& message) const;

  // "path.key", or "key" at the top level.
  static std::string join(const std::string& path, const std::string& key);

  const nlohmann::json& object(const nlohmann::json& v, const std::string& field) const;
  const nlohmann::json& member(const nlohmann::json& obj, const std::string& key,
                               const std::string& path) const;
  // Nullptr when the key is absent (null counts as absent).
  const nlohmann::json* optional_member(const nlohmann::json& obj, const std::string& key,
                                        const std::string& path) const;

  std::string text(const nlohmann::json& obj, const std::string& key,
                   const std::string& path) const;  // a non-empty string
  std::string optional_text(const nlohmann::json& obj, const std::string& key,
                            const std::string& path) const;  // "" when absent
  int integer(const nlohmann::json& v, const std::string& field) const;
  bool boolean(const nlohmann::json& obj, const std::string& key, const std::string& path) const;
  Evidence evidence(const nlohmann::json& obj, const std::string& key,
                    const std::string& path) const;

  // A misspelt key would otherwise be ignored silently (a "crisis_rules" typo would drop the
  // PHQ-9 crisis rule), so every object lists the keys it may hold.
  void expect_keys(const nlohmann::json& obj, std::initializer_list<const char*> allowed,
                   const std::string& path) const;
  // Fails when `key` is present: e.g. item texts in a bring-your-own-licence entry.
  void forbid(const nlohmann::json& obj, const std::string& key, const std::string& path,
              const std::string& why) const;

 private:
  std::string file_;
  std::string item_;
};

}  // namespace taperlab
