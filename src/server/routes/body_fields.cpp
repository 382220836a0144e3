#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {

// A body's members are named by their keys alone ("date"), as the web form names its fields.
std::optional<std::string> optional_text(const nlohmann::json& body, const char* key) {
  return json_fields::optional_text(body, key, "");
}

std::optional<double> optional_number(const nlohmann::json& body, const char* key) {
  return json_fields::optional_number(body, key, "");
}

std::string required_text(const nlohmann::json& body, const char* key) {
  auto text = optional_text(body, key);
  if (!text || text->empty()) throw ValidationError(key, "is required");
  return *text;
}

DateRange query_range(const ApiCall& call, int default_days) {
  const auto date = [&](const char* name, CivilDate fallback) {
    auto text = call.request.query_value(name);
    return text && !text->empty() ? parse_civil_date(*text, name) : fallback;
  };
  DateRange range;
  range.to = date("to", call.today);
  range.from = date("from", range.to.plus_days(-default_days));
  if (range.to < range.from) throw ValidationError("from", "must not be after `to`");
  return range;
}

CivilDate body_date(const ApiCall& call, const nlohmann::json& body) {
  auto text = optional_text(body, "date");
  if (!text) return call.today;
  const CivilDate date = parse_civil_date(*text, "date");
  if (call.today < date) throw ValidationError("date", "is in the future");
  return date;
}

}  // namespace taperlab::server
