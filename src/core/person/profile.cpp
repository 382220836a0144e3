#include "core/person/profile.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/base/country_code.hpp"
#include "core/base/error.hpp"

namespace taperlab {
namespace {

struct RiskName {
  RiskFactor risk;
  const char* name;
};

constexpr RiskName kRiskNames[] = {
    {RiskFactor::kSeizures, "seizures"},
    {RiskFactor::kAlcoholUseDisorder, "alcohol"},
    {RiskFactor::kSubstanceUseDisorder, "substance-use"},
    {RiskFactor::kOpioidCoPrescription, "opioids"},
    {RiskFactor::kPregnancy, "pregnancy"},
    {RiskFactor::kLiverImpairment, "liver"},
    {RiskFactor::kBipolar, "bipolar"},
    {RiskFactor::kPsychosis, "psychosis"},
    {RiskFactor::kPriorFailedTaper, "prior-failed-taper"},
};

// One of the prescriber's texts: trimmed, no control characters (it is printed and may end up in
// a calendar line), at most `max_chars` bytes.
std::string prescriber_text(const nlohmann::json& value, const std::string& field,
                            std::size_t max_chars) {
  if (!value.is_string()) throw ValidationError(field, "expected text");
  std::string text = value.get<std::string>();
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  text = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
  if (text.size() > max_chars) {
    throw ValidationError(field, "at most " + std::to_string(max_chars) + " characters");
  }
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      throw ValidationError(field, "must be one line of text");
    }
  }
  return text;
}

Prescriber parse_prescriber(const nlohmann::json& value) {
  if (!value.is_object()) throw ValidationError("profile.prescriber", "expected an object");
  Prescriber p;
  for (const auto& [key, item] : value.items()) {
    const std::string field = "profile.prescriber." + key;
    if (key == "name") {
      p.name = prescriber_text(item, field, 100);
    } else if (key == "contact") {
      p.contact = prescriber_text(item, field, 200);
    } else {
      throw ValidationError(field, "unknown prescriber field (known: name, contact)");
    }
  }
  return p;
}

}  // namespace

const char* to_string(RiskFactor r) {
  for (const auto& n : kRiskNames) {
    if (n.risk == r) return n.name;
  }
  return "?";
}

RiskFactor parse_risk_factor(const std::string& text, const std::string& field) {
  for (const auto& n : kRiskNames) {
    if (text == n.name) return n.risk;
  }
  std::string known;
  for (const auto& n : kRiskNames) known += (known.empty() ? "" : ", ") + std::string(n.name);
  throw ValidationError(field, "unknown risk factor '" + text + "' (known: " + known + ")");
}

Profile parse_profile(const nlohmann::json& doc) {
  if (!doc.is_object()) throw ValidationError("profile", "expected a JSON object");
  Profile p;
  for (const auto& [key, value] : doc.items()) {
    const std::string field = "profile." + key;
    if (key == "age") {
      if (!value.is_number_integer() || value.get<long long>() < 0 ||
          value.get<long long>() > 120) {
        throw ValidationError(field, "expected whole years from 0 to 120");
      }
      p.age_years = static_cast<int>(value.get<long long>());
    } else if (key == "sex") {
      if (!value.is_string() || (value != "female" && value != "male" && value != "other")) {
        throw ValidationError(field, "expected female, male or other");
      }
      p.sex = value.get<std::string>();
    } else if (key == "country") {
      if (!value.is_string()) throw ValidationError(field, std::string(CountryCode::kExpected));
      p.country = CountryCode::parse(value.get<std::string>(), field).str();
    } else if (key == "risks") {
      if (!value.is_array()) throw ValidationError(field, "expected a list of risk factors");
      for (const auto& r : value) {
        if (!r.is_string()) throw ValidationError(field, "expected risk factor names");
        p.risks.insert(parse_risk_factor(r.get<std::string>(), field));
      }
    } else if (key == "weeks_on_regimen") {
      if (!value.is_number() || value.get<double>() < 0 || !std::isfinite(value.get<double>())) {
        throw ValidationError(field, "expected a number of weeks >= 0");
      }
      p.weeks_on_regimen = value.get<double>();
    } else if (key == "treats_epilepsy") {
      if (!value.is_boolean()) throw ValidationError(field, "expected true or false");
      p.treats_epilepsy = value.get<bool>();
    } else if (key == "prescriber") {
      p.prescriber = parse_prescriber(value);
    } else {
      throw ValidationError(field, "unknown profile field");
    }
  }
  return p;
}

nlohmann::json to_json(const Profile& p) {
  nlohmann::json out = nlohmann::json::object();
  if (p.age_years) out["age"] = *p.age_years;
  if (!p.sex.empty()) out["sex"] = p.sex;
  if (!p.country.empty()) out["country"] = p.country;
  nlohmann::json risks = nlohmann::json::array();
  for (RiskFactor r : p.risks) risks.push_back(to_string(r));
  out["risks"] = risks;
  if (p.weeks_on_regimen) out["weeks_on_regimen"] = *p.weeks_on_regimen;
  out["treats_epilepsy"] = p.treats_epilepsy;
  if (!p.prescriber.empty()) {
    out["prescriber"] = {{"name", p.prescriber.name}, {"contact", p.prescriber.contact}};
  }
  return out;
}

}  // namespace taperlab
