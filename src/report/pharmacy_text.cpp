#include <set>
#include <string>
#include <vector>

#include "report/pharmacy_report.hpp"
#include "report/report_format.hpp"

namespace taperlab::report {

const char* const kPharmacyDraftNotice =
    "This plan is a draft to agree with the prescriber: dispense only what the prescription "
    "says.";
const char* const kPharmacyCounting =
    "Part tablets are counted as whole tablets: a period's halves and quarters are added up and "
    "rounded up, each period on its own, so the total can be a little more than the plan takes. "
    "Liquids are rounded up to whole mL.";

namespace {

constexpr std::size_t kPharmacyWidth = 100;

std::string pharmacy_drug_name(const Catalog& catalog, const std::string& drug_id) {
  const Drug* drug = catalog.find_drug(drug_id);
  return drug != nullptr ? drug->generic_name : drug_id;
}

std::string pharmacy_product(const Catalog& catalog, const SupplyLine& line) {
  return pharmacy_drug_name(catalog, line.option.drug_id) + " " + line.option.describe();
}

const char* pharmacy_unit(const SupplyLine& line) {
  if (line.option.is_liquid()) return "mL";
  return line.option.form == FormulationForm::kCapsule ? "capsule" : "tablet";
}

// "   42 tablets", "  140 mL (2 bottles of 100 mL)"
std::string pharmacy_amount(const SupplyLine& line) {
  std::string out;
  if (line.option.is_liquid()) {
    append_right_aligned(out, format_mg(line.volume_ml), 6);
    out += " mL";
    if (line.bottles && *line.bottles == 0) {
      out += " (from the bottle already open)";
    } else if (line.bottles) {
      out += " (" + std::to_string(*line.bottles) + (*line.bottles == 1 ? " bottle" : " bottles") +
             " of " + format_mg(line.pack_ml) + " mL)";
    }
    return out;
  }
  append_right_aligned(out, std::to_string(line.units), 6);
  out += std::string(" ") + pharmacy_unit(line);
  if (line.units != 1) out += 's';
  return out;
}

std::string pharmacy_date(CivilDate d) { return d.weekday_short() + " " + d.to_string(); }

// "step 3", "steps 3-4", "steps 2, 5"
std::string steps_words(const std::vector<int>& steps) {
  if (steps.empty()) return "no doses";
  if (steps.size() == 1) return "step " + std::to_string(steps.front());
  bool consecutive = true;
  for (std::size_t i = 1; i < steps.size(); ++i) consecutive &= steps[i] == steps[i - 1] + 1;
  if (consecutive) {
    return "steps " + std::to_string(steps.front()) + "-" + std::to_string(steps.back());
  }
  std::string out = "steps ";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(steps[i]);
  }
  return out;
}

void append_lines(std::string& out, const std::vector<SupplyLine>& lines, const Catalog& catalog,
                  std::size_t width) {
  if (lines.empty()) {
    out += "    nothing\n";
    return;
  }
  for (const auto& line : lines) {
    out += "    ";
    append_left_aligned(out, pharmacy_product(catalog, line), width);
    out += "  ";
    out += pharmacy_amount(line);
    out += '\n';
  }
}

std::vector<std::string> pack_sources(const SupplySchedule& s) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& line : s.total) {
    if (!line.bottles) continue;
    if (auto pack = liquid_pack(s.country, line.option); pack && seen.insert(pack->source).second) {
      out.push_back(pack->source);
    }
  }
  return out;
}

}  // namespace

std::string pharmacy_text(const SupplySchedule& s, const Catalog& catalog,
                          const PharmacyHeading& heading) {
  std::string out;
  out += wrap("Pharmacy supply: what to dispense every " + std::to_string(s.period_days) + " days" +
                  (s.country.empty() ? std::string() : ", products sold in " + s.country),
              kPharmacyWidth, "", "  ");
  out += wrap(heading.plan + ".", kPharmacyWidth, "", "  ");
  out += wrap(kPharmacyDraftNotice, kPharmacyWidth, "", "");
  out += wrap(kPharmacyCounting, kPharmacyWidth, "", "");
  if (heading.from_later_day && s.from != s.plan_start) {
    out += wrap("Periods start on " + pharmacy_date(s.from) + ", not at the plan's start (" +
                    pharmacy_date(s.plan_start) +
                    "): only what is still to be taken is counted, and a supply already at home "
                    "is not subtracted.",
                kPharmacyWidth, "", "");
  }
  if (s.periods.empty()) {
    out += "\nNothing left to dispense: ";
    out += s.stop_date ? "the plan stopped on " + pharmacy_date(*s.stop_date) + ".\n"
                       : std::string("the plan has no doses from this day.\n");
    return out;
  }
  std::size_t width = 0;
  for (const auto& p : s.periods) {
    for (const auto& line : p.lines)
      width = std::max(width, pharmacy_product(catalog, line).size());
  }
  for (const auto& line : s.total) width = std::max(width, pharmacy_product(catalog, line).size());
  width = std::min<std::size_t>(width, 60);

  for (const auto& p : s.periods) {
    out += "\nPeriod " + std::to_string(p.number) + "  " + pharmacy_date(p.first) + " to " +
           pharmacy_date(p.last) + " (" + std::to_string(p.days) +
           (p.days == 1 ? " day" : " days") + "), " + steps_words(p.steps) + "\n";
    append_lines(out, p.lines, catalog, width);
  }
  out += "\nTotal, " + std::to_string(s.periods.size()) +
         (s.periods.size() == 1 ? " period" : " periods") + " from " + pharmacy_date(s.from) +
         " to " + pharmacy_date(s.periods.back().last) + "\n";
  append_lines(out, s.total, catalog, width);
  out += "\n";
  if (s.stop_date) {
    out += wrap("The plan stops on " + pharmacy_date(*s.stop_date) +
                    ": no doses from then, nothing more to dispense.",
                kPharmacyWidth, "", "");
  } else if (s.continues && s.held_from) {
    out += wrap("The dose is held from " + pharmacy_date(*s.held_from) +
                    " and continues after the last period: each further " +
                    std::to_string(s.period_days) + " days needs what period " +
                    std::to_string(s.periods.back().number) + " needs.",
                kPharmacyWidth, "", "");
  }
  const auto sources = pack_sources(s);
  if (!sources.empty()) {
    out += wrap(
        "Bottles are whole packs, a new one only when the one open would run out: check the "
        "pack size stocked and how long an opened bottle keeps. Pack sizes:",
        kPharmacyWidth, "", "");
    for (const auto& src : sources) out += wrap(src, kPharmacyWidth, "  - ", "    ");
  }
  return out;
}

nlohmann::json pharmacy_json(const SupplySchedule& s, const Catalog& catalog) {
  const auto line_json = [&](const SupplyLine& line) {
    nlohmann::json j;
    j["drug"] = line.option.drug_id;
    j["name"] = pharmacy_drug_name(catalog, line.option.drug_id);
    j["product"] = pharmacy_product(catalog, line);
    j["form"] = to_string(line.option.form);
    j["unit"] = pharmacy_unit(line);
    j["units"] = line.option.is_liquid() ? 0L : line.units;
    j["volume_ml"] = line.volume_ml + 0.0;
    j["bottles"] = line.bottles ? nlohmann::json(*line.bottles) : nlohmann::json(nullptr);
    j["pack_ml"] = line.bottles ? nlohmann::json(line.pack_ml) : nlohmann::json(nullptr);
    return j;
  };
  const auto lines_json = [&](const std::vector<SupplyLine>& lines) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& line : lines) a.push_back(line_json(line));
    return a;
  };
  nlohmann::json out;
  out["period_days"] = s.period_days;
  out["plan_start"] = s.plan_start.to_string();
  out["from"] = s.from.to_string();
  out["country"] = s.country;
  out["stop_date"] = s.stop_date ? nlohmann::json(s.stop_date->to_string()) : nullptr;
  out["continues"] = s.continues;
  out["held_from"] = s.held_from ? nlohmann::json(s.held_from->to_string()) : nullptr;
  out["draft_notice"] = kPharmacyDraftNotice;
  out["counting"] = kPharmacyCounting;
  out["periods"] = nlohmann::json::array();
  for (const auto& p : s.periods) {
    out["periods"].push_back({{"number", p.number},
                              {"first", p.first.to_string()},
                              {"last", p.last.to_string()},
                              {"days", p.days},
                              {"steps", p.steps},
                              {"lines", lines_json(p.lines)}});
  }
  out["total"] = lines_json(s.total);
  out["pack_sources"] = pack_sources(s);
  return out;
}

}  // namespace taperlab::report
