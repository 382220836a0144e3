#include "core/base/error.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {

std::optional<std::string> optional_text(const nlohmann::json& body, const char* key) {
  if (!body.contains(key) || body.at(key).is_null()) return std::nullopt;
  if (!body.at(key).is_string()) throw ValidationError(key, "expected text");
  return body.at(key).get<std::string>();
}

std::optional<double> optional_number(const nlohmann::json& body, const char* key) {
  if (!body.contains(key) || body.at(key).is_null()) return std::nullopt;
  if (!body.at(key).is_number()) throw ValidationError(key, "expected a number");
  return body.at(key).get<double>();
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
