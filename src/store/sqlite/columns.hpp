#pragma once

// Moving record members in and out of SQLite columns: optionals as NULL, dates as 'YYYY-MM-DD',
// times as 'HH:MM', booleans as 0/1, JSON-shaped members as TEXT.

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/base/civil_date.hpp"
#include "core/dosing/regimen.hpp"

namespace taperlab::store::sqlite {

void bind_value(SQLite::Statement& s, int index, int value);
void bind_value(SQLite::Statement& s, int index, std::int64_t value);
void bind_value(SQLite::Statement& s, int index, double value);
void bind_value(SQLite::Statement& s, int index, bool value);
void bind_value(SQLite::Statement& s, int index, const std::string& value);
void bind_value(SQLite::Statement& s, int index, CivilDate value);
void bind_value(SQLite::Statement& s, int index, TimeOfDay value);
// A string literal would silently pick the bool overload.
void bind_value(SQLite::Statement& s, int index, const char* value) = delete;

template <typename T>
void bind_value(SQLite::Statement& s, int index, const std::optional<T>& value) {
  if (value) {
    bind_value(s, index, *value);
  } else {
    s.bind(index);  // NULL
  }
}

[[noreturn]] void throw_not_utf8(const std::string& field);

// JSON as compact text. Throws ValidationError naming `field` for text that is not UTF-8 (JSON
// cannot hold it), so the caller learns which member to fix.
void bind_json(SQLite::Statement& s, int index, const nlohmann::json& value,
               const std::string& field);
// The same for JSON that `write()` returns as text (records_json's *_json_text writers, which
// throw as nlohmann's dump does).
template <typename Write>
void bind_json_text(SQLite::Statement& s, int index, Write&& write, const std::string& field) {
  std::string text;
  try {
    text = write();
  } catch (const nlohmann::json::type_error&) {
    throw_not_utf8(field);
  }
  s.bind(index, text);
}

// Readers; those for dates and times throw ValidationError on malformed text (see decoded()).
std::optional<int> optional_int(const SQLite::Column& c);
std::optional<std::int64_t> optional_int64(const SQLite::Column& c);
std::optional<double> optional_double(const SQLite::Column& c);
std::optional<bool> optional_bool(const SQLite::Column& c);
std::optional<TimeOfDay> optional_time(const SQLite::Column& c);
CivilDate date_column(const SQLite::Column& c);
nlohmann::json json_column(const SQLite::Column& c);

}  // namespace taperlab::store::sqlite
