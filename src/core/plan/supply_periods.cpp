#include "core/plan/supply_periods.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/base/country_code.hpp"
#include "core/base/error.hpp"

namespace taperlab {
namespace {

constexpr double kSupplySame = 1e-9;

// Bottle sizes of the liquids a plan uses, where known. Each from the product's labelling,
// recalled, not re-verified: the printout tells the pharmacist to check the pack they stock.
struct SupplyKnownPack {
  const char* country;
  const char* drug_id;
  double mg_per_ml;
  double ml;
  const char* source;
};
constexpr SupplyKnownPack kKnownPacks[] = {
    {"UK", "diazepam", 0.4, 100,
     "diazepam 2 mg/5 mL oral solution, 100 mL bottle (dm+d / BNF pack; recalled, not "
     "re-verified)"},
    {"UK", "diazepam", 1.0, 100,
     "diazepam 5 mg/5 mL oral solution, 100 mL bottle (dm+d / BNF pack; recalled, not "
     "re-verified)"},
    {"US", "diazepam", 1.0, 500,
     "Diazepam Oral Solution 5 mg/5 mL, 500 mL bottle (DailyMed, How Supplied; recalled, not "
     "re-verified)"},
    {"US", "diazepam", 5.0, 30,
     "Diazepam Intensol 5 mg/mL, 30 mL bottle with dropper (DailyMed, How Supplied; recalled, "
     "not re-verified)"},
};

auto supply_key(const DispensingOption& o) {
  return std::make_tuple(o.drug_id, static_cast<int>(o.form), o.strength_mg, o.strength_mg_per_ml,
                         o.compounded);
}

struct SupplyAmount {
  DispensingOption option;
  double quarters = 0;  // solids, summed over the days
  double ml = 0;        // liquids
};
using SupplyAmounts = std::map<decltype(supply_key(DispensingOption{})), SupplyAmount>;

const TaperStep* supply_step_on(const std::vector<TaperStep>& steps, int day) {
  const TaperStep* found = nullptr;
  for (const auto& s : steps) {
    if (s.start_day <= day && (s.duration_days <= 0 || day < s.start_day + s.duration_days)) {
      found = &s;  // the last that covers the day: open-ended steps end where the next begins
    }
    if (s.start_day > day) break;
  }
  return found;
}

void supply_add_days(const TaperStep& step, int days, SupplyAmounts& amounts) {
  for (const auto& drug : step.drugs) {
    for (const auto& dose : drug.doses) {
      for (const auto& part : dose.makeup.parts) {
        auto& a = amounts[supply_key(part.option)];
        a.option = part.option;
        a.quarters += static_cast<double>(part.quarters) * days;
        a.ml += part.volume_ml * days;
      }
    }
  }
}

std::vector<SupplyLine> supply_lines_of(const SupplyAmounts& amounts, const std::string& country) {
  std::vector<SupplyLine> out;
  for (const auto& [key, a] : amounts) {
    SupplyLine line;
    line.option = a.option;
    if (a.option.is_liquid()) {
      line.volume_ml = std::max(0.0, std::ceil(a.ml - kSupplySame));
      if (auto pack = liquid_pack(country, a.option); pack && line.volume_ml > 0) {
        line.pack_ml = pack->ml;
      }
    } else {
      line.units = std::max(0L, static_cast<long>(std::ceil(a.quarters / 4.0 - kSupplySame)));
    }
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

void supply_add_to_total(std::vector<SupplyLine>& total, const SupplyLine& line) {
  for (auto& t : total) {
    if (supply_key(t.option) == supply_key(line.option)) {
      t.units += line.units;
      t.volume_ml += line.volume_ml;
      if (line.bottles) t.bottles = t.bottles.value_or(0) + *line.bottles;
      return;
    }
  }
  total.push_back(line);
}

// Member access on a stored document, with the field named when it is missing or mistyped.
const nlohmann::json& doc_member(const nlohmann::json& obj, const char* key,
                                 const std::string& at) {
  if (!obj.is_object() || !obj.contains(key)) throw ValidationError(at + "." + key, "is missing");
  return obj.at(key);
}

double doc_number(const nlohmann::json& obj, const char* key, const std::string& at) {
  const auto& v = doc_member(obj, key, at);
  if (!v.is_number()) throw ValidationError(at + "." + key, "expected a number");
  return v.get<double>();
}

std::string doc_text(const nlohmann::json& obj, const char* key, const std::string& at) {
  const auto& v = doc_member(obj, key, at);
  if (!v.is_string()) throw ValidationError(at + "." + key, "expected text");
  return v.get<std::string>();
}

int doc_whole(const nlohmann::json& obj, const char* key, const std::string& at) {
  const double x = doc_number(obj, key, at);
  if (x != std::floor(x) || std::abs(x) > 1e6) {
    throw ValidationError(at + "." + key, "expected a whole number");
  }
  return static_cast<int>(x);
}

FormulationForm doc_form(const std::string& s, const std::string& field) {
  for (auto f : {FormulationForm::kTablet, FormulationForm::kCapsule, FormulationForm::kOdt,
                 FormulationForm::kOralSolution}) {
    if (s == to_string(f)) return f;
  }
  throw ValidationError(field, "unknown form '" + s + "'");
}

StepKind doc_kind(const std::string& s, const std::string& field) {
  for (auto k : {StepKind::kStart, StepKind::kCrossover, StepKind::kCut, StepKind::kFinalStop,
                 StepKind::kMaintenance}) {
    if (s == to_string(k)) return k;
  }
  throw ValidationError(field, "unknown step kind '" + s + "'");
}

UnitPart doc_part(const nlohmann::json& p, const std::string& drug_id, const std::string& at) {
  UnitPart part;
  part.option.drug_id = drug_id;
  part.option.form = doc_form(doc_text(p, "form", at), at + ".form");
  part.option.strength_mg = doc_number(p, "strength_mg", at);
  part.option.strength_mg_per_ml = doc_number(p, "strength_mg_per_ml", at);
  part.option.compounded = doc_member(p, "compounded", at).is_boolean() && p.at("compounded");
  part.quarters = doc_whole(p, "quarters", at);
  part.volume_ml = doc_number(p, "volume_ml", at);
  if (part.quarters < 0 || part.volume_ml < 0) throw ValidationError(at, "a negative amount");
  // The product's words as the planner wrote them keep the split ("5 mg tablet (halves)").
  const std::string product = p.contains("product") && p.at("product").is_string()
                                  ? p.at("product").get<std::string>()
                                  : std::string();
  if (product.find("(halves)") != std::string::npos) part.option.split = Split::kHalf;
  if (product.find("(quarters)") != std::string::npos) part.option.split = Split::kQuarter;
  return part;
}

}  // namespace

void check_supply_period(int days, const std::string& field) {
  if (days < kMinSupplyPeriodDays || days > kMaxSupplyPeriodDays) {
    throw ValidationError(field,
                          "expected a supply period of 7, 14 or 28 days (any whole number "
                          "of days from 1 to 90), got " +
                              std::to_string(days));
  }
}

std::optional<LiquidPack> liquid_pack(const std::string& country, const DispensingOption& option) {
  if (!option.is_liquid() || option.compounded) return std::nullopt;
  for (const auto& p : kKnownPacks) {
    if (country == p.country && option.drug_id == p.drug_id &&
        std::abs(option.strength_mg_per_ml - p.mg_per_ml) < 1e-6) {
      return LiquidPack{p.ml, p.source};
    }
  }
  return std::nullopt;
}

SupplySchedule supply_schedule(const std::vector<TaperStep>& steps, CivilDate plan_start,
                               CivilDate from, int period_days, const std::string& country) {
  check_supply_period(period_days, "period");
  SupplySchedule out;
  out.period_days = period_days;
  out.plan_start = plan_start;
  // The catalogue's spelling, which the packs use: ISO's "GB" is the catalogue's "UK".
  const auto code = CountryCode::try_parse(country);
  out.country = code ? code->catalogue_code() : country;
  const int first_day = std::max(0, plan_start.days_until(from));
  out.from = plan_start.plus_days(first_day);
  if (steps.empty()) return out;

  // The day after the last one to supply (exclusive).
  const TaperStep& last = steps.back();
  int end_day = 0;
  if (last.stopped()) {
    out.stop_date = plan_start.plus_days(last.start_day);
    end_day = last.start_day;
  } else if (last.duration_days <= 0) {
    // Held: periods until one starts on the held dose (or today, when that is later).
    out.continues = true;
    out.held_from = plan_start.plus_days(last.start_day);
    const int held = std::max(last.start_day, first_day);
    const int periods_before = (held - first_day + period_days - 1) / period_days;
    end_day = first_day + (periods_before + 1) * period_days;
  } else {
    end_day = last.start_day + last.duration_days;
  }

  for (int start = first_day, n = 1; start < end_day; start += period_days, ++n) {
    const int stop = std::min(start + period_days, end_day);
    SupplyPeriod period;
    period.number = n;
    period.first = plan_start.plus_days(start);
    period.last = plan_start.plus_days(stop - 1);
    period.days = stop - start;
    SupplyAmounts amounts;
    // Day by day would do; step by step is as exact: the overlap of each step with the period.
    for (int day = start; day < stop;) {
      const TaperStep* step = supply_step_on(steps, day);
      int next = stop;
      for (const auto& s : steps) {
        if (s.start_day > day) {
          next = std::min(next, s.start_day);
          break;
        }
      }
      if (step != nullptr && !step->stopped()) {
        if (step->duration_days > 0) next = std::min(next, step->start_day + step->duration_days);
        supply_add_days(*step, next - day, amounts);
        period.steps.push_back(step->index);
      }
      day = next;
    }
    period.lines = supply_lines_of(amounts, out.country);
    out.periods.push_back(std::move(period));
  }
  // Bottles: a new one when the ones already dispensed would run out during the period.
  std::map<decltype(supply_key(DispensingOption{})), std::pair<double, long>> used;  // mL, bottles
  for (auto& period : out.periods) {
    for (auto& line : period.lines) {
      if (line.pack_ml <= 0) continue;
      auto& [ml, bottles] = used[supply_key(line.option)];
      ml += line.volume_ml;
      const auto needed = static_cast<long>(std::ceil(ml / line.pack_ml - kSupplySame));
      line.bottles = needed - bottles;
      bottles = needed;
    }
    for (const auto& line : period.lines) supply_add_to_total(out.total, line);
  }
  // In the periods' order: by drug, form, then strength.
  std::sort(out.total.begin(), out.total.end(), [](const SupplyLine& a, const SupplyLine& b) {
    return supply_key(a.option) < supply_key(b.option);
  });
  return out;
}

std::vector<TaperStep> steps_from_plan_document(const nlohmann::json& doc) {
  const auto& list = doc_member(doc, "steps", "plan");
  if (!list.is_array()) throw ValidationError("plan.steps", "expected a list");
  std::vector<TaperStep> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "plan.steps[" + std::to_string(i) + "]";
    const auto& s = list[i];
    TaperStep step;
    step.index = doc_whole(s, "index", at);
    step.start_day = doc_whole(s, "day", at);
    step.duration_days = doc_whole(s, "duration_days", at);
    step.kind = doc_kind(doc_text(s, "kind", at), at + ".kind");
    step.diazepam_equivalent_mg = doc_number(s, "diazepam_equivalent_mg", at);
    if (!out.empty() && step.start_day < out.back().start_day) {
      throw ValidationError(at + ".day", "steps out of order");
    }
    const auto& doses = doc_member(s, "doses", at);
    if (!doses.is_array()) throw ValidationError(at + ".doses", "expected a list");
    for (std::size_t j = 0; j < doses.size(); ++j) {
      const std::string d_at = at + ".doses[" + std::to_string(j) + "]";
      const auto& d = doses[j];
      const std::string drug_id = doc_text(d, "drug", d_at);
      PlannedDose dose;
      dose.time = parse_time_of_day(doc_text(d, "time", d_at), d_at + ".time");
      dose.makeup.dose_mg = doc_number(d, "dose_mg", d_at);
      const auto& parts = doc_member(d, "parts", d_at);
      if (!parts.is_array()) throw ValidationError(d_at + ".parts", "expected a list");
      for (std::size_t k = 0; k < parts.size(); ++k) {
        dose.makeup.parts.push_back(
            doc_part(parts[k], drug_id, d_at + ".parts[" + std::to_string(k) + "]"));
      }
      auto it = std::find_if(step.drugs.begin(), step.drugs.end(),
                             [&](const PlannedDrug& p) { return p.drug_id == drug_id; });
      if (it == step.drugs.end()) {
        step.drugs.push_back({drug_id, {}});
        it = step.drugs.end() - 1;
      }
      it->doses.push_back(std::move(dose));
    }
    out.push_back(std::move(step));
  }
  return out;
}

}  // namespace taperlab
