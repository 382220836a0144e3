#pragma once

// Small JSON columns read on every request (a person's profile, the regimen in force), parsed once
// per process: the same text always parses to the same value, so the parse is looked up by the
// text itself and nothing can go stale. Parsing them cost about a sixth of the server's time for
// GET today.

#include <SQLiteCpp/Column.h>

#include <cstddef>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace taperlab::store::sqlite {

template <typename Value>
class ParsedTexts {
 public:
  // At most `capacity` texts are kept; when full, the memo starts again from empty (a person's
  // texts change rarely, so they are soon back).
  explicit ParsedTexts(std::size_t capacity) : capacity_(capacity) {}

  // `parse(text)` for the text of column `c`, from the memo when that text was parsed before.
  // What `parse` throws propagates and nothing is kept.
  template <typename Parse>
  Value get(const SQLite::Column& c, Parse&& parse) {
    const std::string_view text(static_cast<const char*>(c.getBlob()),
                                static_cast<std::size_t>(c.getBytes()));
    {
      std::shared_lock lock(mutex_);
      if (auto it = parsed_.find(text); it != parsed_.end()) return it->second;
    }
    std::string key(text);
    Value value = parse(key);
    std::unique_lock lock(mutex_);
    if (parsed_.size() >= capacity_) parsed_.clear();
    parsed_.emplace(std::move(key), value);
    return value;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::size_t capacity_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Value, Hash, std::equal_to<>> parsed_;
};

}  // namespace taperlab::store::sqlite
