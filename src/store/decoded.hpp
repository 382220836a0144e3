#pragma once

// Reading a stored row back into a record, for every adapter: a row that no longer parses (edited
// by hand, or a bug) is a storage failure, not the caller's validation error. The message names the
// record, never its contents (health data).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/base/error.hpp"

namespace taperlab::store {

template <typename Decode>
auto decoded(std::string_view entity, std::int64_t id, Decode&& decode) -> decltype(decode()) {
  try {
    return decode();
  } catch (const ValidationError&) {
    throw StorageError("stored " + std::string(entity) + " " + std::to_string(id) +
                       " is unreadable");
  } catch (const nlohmann::json::exception&) {
    throw StorageError("stored " + std::string(entity) + " " + std::to_string(id) +
                       " is unreadable");
  }
}

}  // namespace taperlab::store
