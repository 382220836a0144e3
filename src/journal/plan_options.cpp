#include "journal/plan_options.hpp"

#include <algorithm>
#include <charconv>

#include "core/base/country_code.hpp"
#include "core/base/error.hpp"
#include "core/dosing/regimen.hpp"
#include "core/plan/formulation_set.hpp"
#include "core/plan/safety_rules.hpp"

namespace taperlab::journal {

// "10%" or "10" -> 0.10
double parse_percent(const std::string& text, const std::string& field) {
  std::string number = text;
  if (!number.empty() && number.back() == '%') number.pop_back();
  double value = 0;
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() || value <= 0 ||
      value >= 100) {
    throw ValidationError(field, "expected a percentage such as 10%, got '" + text + "'");
  }
  return value / 100.0;
}

double parse_max_cut(const std::string& text, const std::string& field) {
  const double fraction = parse_percent(text, field);
  if (fraction > kMostOverrideCutFraction + 1e-12) {
    throw ValidationError(
        field, "a clinician's override allows cuts of at most " +
                   std::to_string(static_cast<int>(kMostOverrideCutFraction * 100)) + "% within " +
                   std::to_string(kRateWindowDays) + " days (the planner's hard ceiling), got '" +
                   text + "'");
  }
  return fraction;
}

// "14d", "14", "2w" -> days
int parse_days(const std::string& text, const std::string& field) {
  std::string number = text;
  int factor = 1;
  if (!number.empty() && (number.back() == 'd' || number.back() == 'w')) {
    factor = number.back() == 'w' ? 7 : 1;
    number.pop_back();
  }
  int value = 0;
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() || value < 1 ||
      value * factor > 90) {
    throw ValidationError(
        field, "expected days between cuts such as 14d or 2w (1 to 90 days), got '" + text + "'");
  }
  return value * factor;
}

namespace {

std::vector<std::string> catalogue_countries(const Catalog& catalog) {
  std::vector<std::string> out;
  for (const auto& d : catalog.drugs()) {
    for (const auto& f : d.formulations) {
      if (std::find(out.begin(), out.end(), f.country) == out.end()) out.push_back(f.country);
    }
  }
  return out;
}

void reject_unless(bool allowed, const std::string& option, bool given, const std::string& why) {
  if (given && !allowed) throw ValidationError(option, why);
}

}  // namespace

std::string catalogue_country(const Catalog& catalog, const std::string& country,
                              const std::string& field) {
  const std::string code = CountryCode::parse(country, field).catalogue_code();
  const auto known = catalogue_countries(catalog);
  if (std::find(known.begin(), known.end(), code) != known.end()) return code;
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  throw ValidationError(field, "no products are listed for the country '" + country +
                                   "'; choose the country whose pharmacy supplies you: " + list);
}

std::string option_name(std::string_view name, OptionSpelling spelling) {
  if (spelling == OptionSpelling::kJson) return std::string(name);
  if (name == "go_back_reason") return "--reason";  // `taperlab plan --save ... --reason`
  std::string flag = "--" + std::string(name);
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

PlanRequest build_plan_request(const Catalog& catalog, const PlanOptions& a,
                               OptionSpelling spelling, const PlanDefaults& defaults) {
  const auto o = [&](const char* name) { return option_name(name, spelling); };  // in messages
  PlanRequest request;
  for (const auto& text : a.regimens) {
    add_drug(request.regimen, parse_drug_regimen(text, catalog, "regimen"), "regimen");
  }
  if (a.regimens.empty()) {
    if (!defaults.regimen) {
      throw ValidationError("regimen", "give the current regimen, e.g. " + o("regimen") +
                                           " \"clonazepam 0.5mg@08:00, 0.5mg@20:00\"");
    }
    request.regimen = *defaults.regimen;
  }
  if (a.profile) request.profile = *a.profile;
  if (!a.country.empty()) request.profile.country = a.country;
  // One country's products: the option, else the profile's (the journal's), else the locale's.
  const std::string country = !a.country.empty()                 ? a.country
                              : !request.profile.country.empty() ? request.profile.country
                                                                 : defaults.country;
  if (country.empty()) {
    throw ValidationError("country", "say which country's pharmacy supplies you, e.g. " +
                                         o("country") +
                                         " US, so that the plan uses the products sold there");
  }
  request.settings.country = catalogue_country(catalog, country, "country");
  if (!a.prefer.empty() && a.prefer != "keep-drug" && a.prefer != "diazepam" &&
      a.prefer != "fewest-products") {
    throw ValidationError(
        "prefer", "expected keep-drug, diazepam or fewest-products, got '" + a.prefer + "'");
  }
  request.settings.prefer = a.prefer;
  if (a.alternative < 0 || a.alternative > 20) {
    throw ValidationError("alternative", "expected the number of an alternative, 1 or more");
  }
  if (a.alternative > 0) request.settings.alternative = a.alternative;

  PlanSettings& s = request.settings;
  s.strategy = a.strategy;
  const bool crossover = a.strategy == "crossover";
  const std::string tapering = crossover ? (a.then.empty() ? "fraction" : a.then) : a.strategy;
  reject_unless(crossover, "to", !a.to.empty(),
                o("to") + " is an option of the crossover strategy");
  reject_unless(crossover, "then", !a.then.empty(),
                o("then") + " is an option of the crossover strategy");
  reject_unless(tapering == "hyperbolic", "steps", a.steps != 0,
                o("steps") + " is an option of the hyperbolic strategy");
  reject_unless(tapering == "bands", "pace", !a.pace.empty(),
                o("pace") + " is an option of the bands strategy");
  reject_unless(tapering == "guided", "ceiling", a.ceiling != 0,
                o("ceiling") + " is an option of the guided strategy");
  reject_unless(tapering != "bands", "cut", !a.cut.empty(),
                "the bands strategy sets its own cuts; use " + o("pace"));
  reject_unless(tapering != "bands", "every", !a.every.empty(),
                "the bands strategy sets its own intervals; use " + o("pace"));
  reject_unless(!a.override_reason.empty(), "max_cut", !a.max_cut.empty(),
                o("max_cut") + " needs a clinician's " + o("override_reason"));
  if (tapering == "hyperbolic" && a.steps != 0 && !a.cut.empty()) {
    throw ValidationError(
        "steps", "give either " + o("steps") + " or " + o("cut") + " for the hyperbolic strategy");
  }
  if (crossover && a.to.empty()) {
    throw ValidationError("to",
                          "a crossover needs the drug to switch to, e.g. " + o("to") + " diazepam");
  }
  s.then_strategy = crossover ? tapering : "";
  if (crossover) s.crossover_to = catalog.drug(a.to, "to").id;
  s.table_id = catalog.table(a.table, "table").id;
  s.model = a.model;
  if (!a.cut.empty()) s.cut_fraction = parse_percent(a.cut, "cut");
  if (!a.every.empty()) s.every_days = parse_days(a.every, "every");
  if (a.steps != 0) {
    if (a.steps < 2 || a.steps > 200) throw ValidationError("steps", "expected 2 to 200 steps");
    s.steps = a.steps;
  }
  if (!a.pace.empty()) s.pace = a.pace;
  if (a.ceiling != 0) {
    if (!(a.ceiling > 0 && a.ceiling < 1)) {
      throw ValidationError("ceiling", "expected a withdrawal pressure between 0 and 1");
    }
    s.ceiling = a.ceiling;
  }
  if (a.goal != "stop") s.goal_mg = parse_amount_mg(a.goal, "goal");
  if (!a.start.empty()) s.start_date = parse_civil_date(a.start, "start");
  if (!s.start_date) s.start_date = defaults.start;
  if (!a.by.empty()) {
    s.target_date = parse_civil_date(a.by, "by");
    if (!s.start_date) throw ValidationError("by", "a target date needs " + o("start"));
    if (*s.target_date <= *s.start_date) {
      throw ValidationError("by", "the target date must be after the start date");
    }
  }
  s.cut_evening_last = !a.cut_evening_first;
  if (!a.override_reason.empty()) {
    s.clinician_override_reason = a.override_reason;
    if (!a.max_cut.empty()) s.max_cut_fraction_override = parse_max_cut(a.max_cut, "max_cut");
  }

  std::vector<std::string> drug_ids;
  for (const auto& d : request.regimen.drugs) drug_ids.push_back(d.drug_id);
  if (crossover) drug_ids.push_back(s.crossover_to);
  if (a.formulations.empty()) {
    request.formulations = default_formulations(catalog, drug_ids, request.settings.country);
  } else {
    request.formulations = parse_formulations(a.formulations, catalog, "formulations");
  }
  return request;
}

}  // namespace taperlab::journal
