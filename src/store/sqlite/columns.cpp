#include "store/sqlite/columns.hpp"

#include "core/base/error.hpp"

namespace taperlab::store::sqlite {

void bind_value(SQLite::Statement& s, int index, int value) { s.bind(index, value); }
void bind_value(SQLite::Statement& s, int index, std::int64_t value) { s.bind(index, value); }
// SQLite REAL is an IEEE 754 double: doses come back bit for bit.
void bind_value(SQLite::Statement& s, int index, double value) { s.bind(index, value); }
void bind_value(SQLite::Statement& s, int index, bool value) { s.bind(index, value ? 1 : 0); }
void bind_value(SQLite::Statement& s, int index, const std::string& value) { s.bind(index, value); }
void bind_value(SQLite::Statement& s, int index, CivilDate value) {
  s.bind(index, value.to_string());
}
void bind_value(SQLite::Statement& s, int index, TimeOfDay value) {
  s.bind(index, value.to_string());
}

void throw_not_utf8(const std::string& field) {
  throw ValidationError(field, "contains text that is not valid UTF-8");
}

void bind_json(SQLite::Statement& s, int index, const nlohmann::json& value,
               const std::string& field) {
  bind_json_text(
      s, index, [&] { return value.dump(); }, field);
}

std::optional<int> optional_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

std::optional<std::int64_t> optional_int64(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

std::optional<double> optional_double(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getDouble();
}

std::optional<bool> optional_bool(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt() != 0;
}

std::optional<TimeOfDay> optional_time(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return parse_time_of_day(c.getString(), c.getName());
}

CivilDate date_column(const SQLite::Column& c) {
  return parse_civil_date(c.getString(), c.getName());
}

nlohmann::json json_column(const SQLite::Column& c) { return nlohmann::json::parse(c.getString()); }

}  // namespace taperlab::store::sqlite
