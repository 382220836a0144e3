#include "core/plan/formulation_set.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/drugs/catalog.hpp"
#include "core/base/error.hpp"
#include "core/base/text.hpp"

namespace taperlab {
namespace {

// Assumed: no benzodiazepine product holds more than 1000 mg per unit or per mL; a larger number
// is a typing or unit mistake. Below 0.001 mg a strength cannot be measured or dispensed.
constexpr double kMaxStrength = 1000.0;
constexpr double kMinStrength = 0.001;
// A measuring syringe reads to 0.01 mL at best; more than 20 mL per step is not a measuring step.
constexpr double kMinStepMl = 0.01;
constexpr double kMaxStepMl = 20.0;
constexpr double kDefaultStepMl = 0.1;
constexpr double kSameStrength = 1e-9;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "0.25", "12.5", "1": up to four decimals, no trailing zeros.
std::string format_number(double value) { return format_decimal(value, 4); }

bool parse_number(std::string_view text, double& value) {
  if (text.empty()) return false;
  if (text.front() == '+') text.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(value);
}

// The finer of two splits (the union of the pieces each allows).
Split finer(Split a, Split b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

const char* form_noun(FormulationForm form) {
  switch (form) {
    case FormulationForm::kTablet:
      return "tablet";
    case FormulationForm::kCapsule:
      return "capsule";
    case FormulationForm::kOdt:
      return "ODT";
    case FormulationForm::kOralSolution:
      return "oral solution";
  }
  return "?";
}

double catalogue_strength(const Formulation& f) {
  return f.form == FormulationForm::kOralSolution ? f.strength_mg_per_ml : f.strength_mg;
}

double option_strength(const DispensingOption& o) {
  return o.is_liquid() ? o.strength_mg_per_ml : o.strength_mg;
}

bool same_product(const DispensingOption& a, const DispensingOption& b) {
  return a.drug_id == b.drug_id && a.form == b.form &&
         std::abs(option_strength(a) - option_strength(b)) <= kSameStrength;
}

// Adds `option`, or merges it into an existing entry for the same product: the finer split, the
// finer measuring step, and `compounded` if either says so.
void add_or_merge(std::vector<DispensingOption>& options, const DispensingOption& option) {
  for (auto& existing : options) {
    if (same_product(existing, option)) {
      existing.split = finer(existing.split, option.split);
      existing.measure_increment_ml =
          std::min(existing.measure_increment_ml, option.measure_increment_ml);
      existing.compounded = existing.compounded || option.compounded;
      return;
    }
  }
  options.push_back(option);
}

struct ItemWords {
  std::optional<FormulationForm> form;
  std::optional<Split> split;
  bool compounded = false;
  std::optional<double> step_ml;
};

class ItemParser {
 public:
  ItemParser(std::string_view item, const Catalog& catalog, const std::string& field)
      : item_(trim(item)), catalog_(catalog), field_(field) {}

  void parse_into(std::vector<DispensingOption>& options) {
    const auto colon = item_.find(':');
    if (colon == std::string_view::npos) {
      fail(
          "expected DRUG:STRENGTHS [FORM] [half|quarter] [compounded] [step=ML], e.g. "
          "\"diazepam:2,5 tablet half\"");
    }
    const std::string_view name = trim(item_.substr(0, colon));
    if (name.empty()) fail("missing drug name before ':'");
    const Drug* drug = nullptr;
    try {
      drug = &catalog_.drug(name, field_);
    } catch (const ValidationError& e) {
      fail(e.errors().empty() ? "unknown drug '" + std::string(name) + "'"
                              : e.errors().front().message);
    }
    std::string_view rest = item_.substr(colon + 1);
    const std::vector<double> strengths = parse_strengths(rest);
    const ItemWords words = parse_words(rest);
    const FormulationForm form = words.form.value_or(FormulationForm::kTablet);
    const bool liquid = form == FormulationForm::kOralSolution;

    if (words.split && *words.split != Split::kNone && form != FormulationForm::kTablet) {
      fail(std::string("a ") + form_noun(form) + " can't be split; only tablets can be " +
           (*words.split == Split::kHalf ? "halved" : "quartered"));
    }
    if (words.step_ml && !liquid) fail("step= applies to oral solutions only");

    for (const double strength : strengths) {
      if (!words.compounded) check_listed(*drug, form, strength);
      DispensingOption option;
      option.drug_id = drug->id;
      option.form = form;
      option.compounded = words.compounded;
      if (liquid) {
        option.strength_mg_per_ml = strength;
        option.split = Split::kNone;
        option.measure_increment_ml = words.step_ml.value_or(kDefaultStepMl);
      } else {
        option.strength_mg = strength;
        option.split =
            form == FormulationForm::kTablet ? words.split.value_or(Split::kNone) : Split::kNone;
      }
      add_or_merge(options, option);
    }
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw ValidationError(field_, "\"" + std::string(item_) + "\": " + message);
  }

  double parse_strength(std::string_view token) const {
    std::string_view number = token;
    const std::string low = to_lower(token);
    for (std::string_view unit : {"mg/ml", "mg"}) {
      if (ends_with(low, unit)) {
        number = trim(number.substr(0, number.size() - unit.size()));
        break;
      }
    }
    double value = 0;
    if (!parse_number(number, value)) fail("malformed strength '" + std::string(token) + "'");
    if (value <= 0) {
      fail("strength must be greater than 0 (got '" + std::string(token) + "')");
    }
    if (value > kMaxStrength) {
      fail("implausible strength '" + std::string(token) + "' (more than " +
           format_number(kMaxStrength) + " mg per unit or per mL); check the number and unit");
    }
    if (value < kMinStrength) {
      fail("strength '" + std::string(token) + "' is too small to measure (less than " +
           format_number(kMinStrength) + " mg)");
    }
    return value;
  }

  // The comma-separated numbers at the start of `rest`; leaves the words after them in `rest`.
  std::vector<double> parse_strengths(std::string_view& rest) const {
    std::vector<double> strengths;
    while (true) {
      rest = trim(rest);
      std::size_t end = 0;
      while (end < rest.size() && rest[end] != ',' &&
             !std::isspace(static_cast<unsigned char>(rest[end]))) {
        ++end;
      }
      std::string_view token = rest.substr(0, end);
      rest.remove_prefix(end);
      rest = trim(rest);
      // "2 mg, 5 mg": a unit written apart from its number.
      for (std::string_view unit : {"mg/ml", "mg"}) {
        const std::size_t n = unit.size();
        if (!token.empty() && rest.size() >= n && to_lower(rest.substr(0, n)) == unit &&
            (rest.size() == n || rest[n] == ',' ||
             std::isspace(static_cast<unsigned char>(rest[n])))) {
          rest.remove_prefix(n);
          rest = trim(rest);
          break;
        }
      }
      if (token.empty()) {
        fail(strengths.empty() ? "missing strengths after ':' (e.g. \"diazepam:2,5\")"
                               : "missing strength after ','");
      }
      strengths.push_back(parse_strength(token));
      if (rest.empty() || rest.front() != ',') break;
      rest.remove_prefix(1);
    }
    return strengths;
  }

  ItemWords parse_words(std::string_view rest) const {
    std::vector<std::string> tokens;
    std::size_t i = 0;
    while (i < rest.size()) {
      if (std::isspace(static_cast<unsigned char>(rest[i]))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < rest.size() && !std::isspace(static_cast<unsigned char>(rest[j]))) ++j;
      tokens.push_back(to_lower(rest.substr(i, j - i)));
      i = j;
    }
    ItemWords words;
    auto set_form = [&](FormulationForm form, const std::string& word) {
      if (words.form && *words.form != form) {
        fail("two forms given ('" + std::string(to_string(*words.form)) + "' and '" + word + "')");
      }
      words.form = form;
    };
    auto set_split = [&](Split split, const std::string& word) {
      if (words.split && *words.split != split) {
        fail("two splits given ('" + std::string(to_string(*words.split)) + "' and '" + word +
             "')");
      }
      words.split = split;
    };
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      const std::string& w = tokens[k];
      if (w.find(',') != std::string::npos) {
        fail("unexpected ',' in '" + w + "' (strengths come first, e.g. \"diazepam:2,5 tablet\")");
      }
      if (w == "tablet" || w == "tablets" || w == "tab" || w == "tabs") {
        set_form(FormulationForm::kTablet, w);
      } else if (w == "capsule" || w == "capsules" || w == "cap" || w == "caps") {
        set_form(FormulationForm::kCapsule, w);
      } else if (w == "odt" || w == "odts") {
        set_form(FormulationForm::kOdt, w);
      } else if (w == "solution" || w == "solutions" || w == "liquid" || w == "liquids" ||
                 w == "oral_solution" || w == "oral_solutions" || w == "oral-solution") {
        set_form(FormulationForm::kOralSolution, w);
      } else if (w == "oral") {
        // "oral solution", "oral liquid": the next word names the form.
        if (k + 1 >= tokens.size() ||
            (tokens[k + 1] != "solution" && tokens[k + 1] != "solutions" &&
             tokens[k + 1] != "liquid" && tokens[k + 1] != "liquids")) {
          fail("expected 'solution' after 'oral'");
        }
      } else if (w == "whole") {
        set_split(Split::kNone, w);
      } else if (w == "half" || w == "halves" || w == "halved" || w == "halve") {
        set_split(Split::kHalf, w);
      } else if (w == "quarter" || w == "quarters" || w == "quartered") {
        set_split(Split::kQuarter, w);
      } else if (w == "compounded") {
        words.compounded = true;
      } else if (w == "mg" || w == "mg/ml") {
        // a unit after the strengths: nothing to do
      } else if (w.rfind("step", 0) == 0) {
        // step=0.5, step = 0.5, step= 0.5ml, step 0.5 mL
        std::string value = w.substr(4);
        auto take_next = [&] {
          if (k + 1 < tokens.size()) value += tokens[++k];
        };
        if (value.empty()) take_next();
        if (!value.empty() && value.front() == '=') value.erase(0, 1);
        if (value.empty()) take_next();
        if (k + 1 < tokens.size() && tokens[k + 1] == "ml") ++k;
        std::string_view number = value;
        if (ends_with(number, "ml")) number.remove_suffix(2);
        double step = 0;
        if (!parse_number(number, step)) {
          fail("malformed step '" + value + "' (expected step=ML, e.g. step=0.1)");
        }
        if (step < kMinStepMl || step > kMaxStepMl) {
          fail("step '" + value + "' is outside " + format_number(kMinStepMl) + " to " +
               format_number(kMaxStepMl) + " mL");
        }
        if (words.step_ml && std::abs(*words.step_ml - step) > kSameStrength) {
          fail("two steps given");
        }
        words.step_ml = step;
      } else {
        fail("unknown word '" + w +
             "' (expected tablet, capsule, odt, solution, whole, half, quarter, compounded or "
             "step=ML)");
      }
    }
    return words;
  }

  void check_listed(const Drug& drug, FormulationForm form, double strength) const {
    std::vector<double> listed;
    for (const auto& f : drug.formulations) {
      if (f.form != form) continue;
      const double s = catalogue_strength(f);
      if (std::abs(s - strength) <= kSameStrength) return;
      if (std::none_of(listed.begin(), listed.end(),
                       [&](double x) { return std::abs(x - s) <= kSameStrength; })) {
        listed.push_back(s);
      }
    }
    std::sort(listed.begin(), listed.end());
    const bool liquid = form == FormulationForm::kOralSolution;
    const std::string unit = liquid ? " mg/mL" : " mg";
    std::string message = drug.id + " has no " + format_number(strength) + unit + " " +
                          form_noun(form) + " in the catalogue";
    if (listed.empty()) {
      message += std::string(" (it lists no ") + form_noun(form) + ")";
    } else {
      message += " (it lists ";
      for (std::size_t i = 0; i < listed.size(); ++i) {
        message += (i == 0 ? "" : ", ") + format_number(listed[i]);
      }
      message += unit + ")";
    }
    fail(message + "; add 'compounded' for a strength made up by a pharmacy");
  }

  std::string_view item_;
  const Catalog& catalog_;
  const std::string& field_;
};

}  // namespace

double DispensingOption::granularity_mg() const {
  if (is_liquid()) return strength_mg_per_ml * measure_increment_ml;
  if (form != FormulationForm::kTablet) return strength_mg;  // capsules and ODTs stay whole
  switch (split) {
    case Split::kNone:
      return strength_mg;
    case Split::kHalf:
      return strength_mg / 2.0;
    case Split::kQuarter:
      return strength_mg / 4.0;
  }
  return strength_mg;
}

std::string DispensingOption::describe() const {
  std::string out = format_number(option_strength(*this)) + (is_liquid() ? " mg/mL " : " mg ");
  if (compounded) out += "compounded ";
  out += form_noun(form);
  if (is_liquid()) {
    if (std::abs(measure_increment_ml - kDefaultStepMl) > kSameStrength) {
      out += " (" + format_number(measure_increment_ml) + " mL steps)";
    }
  } else if (form == FormulationForm::kTablet && split == Split::kHalf) {
    out += " (halves)";
  } else if (form == FormulationForm::kTablet && split == Split::kQuarter) {
    out += " (quarters)";
  }
  return out;
}

std::vector<const DispensingOption*> FormulationSet::for_drug(const std::string& drug_id) const {
  std::vector<const DispensingOption*> out;
  for (const auto& o : options) {
    if (o.drug_id == drug_id) out.push_back(&o);
  }
  return out;
}

bool FormulationSet::has_drug(const std::string& drug_id) const {
  return std::any_of(options.begin(), options.end(),
                     [&](const DispensingOption& o) { return o.drug_id == drug_id; });
}

double FormulationSet::smallest_amount_mg(const std::string& drug_id) const {
  double smallest = 0.0;
  for (const auto& o : options) {
    if (o.drug_id != drug_id) continue;
    const double g = o.granularity_mg();
    if (g > 0 && (smallest == 0.0 || g < smallest)) smallest = g;
  }
  return smallest;
}

FormulationSet parse_formulations(std::string_view text, const Catalog& catalog,
                                  const std::string& field) {
  FormulationSet set;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    const std::string_view item = trim(text.substr(start, end - start));
    if (!item.empty()) ItemParser(item, catalog, field).parse_into(set.options);
    start = end + 1;
  }
  if (set.options.empty()) {
    throw ValidationError(field,
                          "no formulations given (e.g. \"diazepam:2,5,10 tablet half; "
                          "diazepam:1 solution\")");
  }
  return set;
}

FormulationSet default_formulations(const Catalog& catalog,
                                    const std::vector<std::string>& drug_ids,
                                    const std::string& country) {
  FormulationSet set;
  std::vector<std::string> seen;
  std::string wanted = to_lower(country);
  // Profiles and crisis lines use the ISO code GB; the drug files list British products as UK.
  if (wanted == "gb") wanted = "uk";
  for (const auto& name : drug_ids) {
    const Drug& drug = catalog.drug(name);
    if (std::find(seen.begin(), seen.end(), drug.id) != seen.end()) continue;
    seen.push_back(drug.id);
    // One country's products only: a drug not marketed there has none (the planner then offers
    // a crossover or a compounded preparation), never another country's.
    for (const auto& f : drug.formulations) {
      if (!wanted.empty() && to_lower(f.country) != wanted) continue;
      if (f.status == ProductStatus::kDiscontinued) continue;  // no pharmacy can supply it
      DispensingOption option;
      option.drug_id = drug.id;
      option.form = f.form;
      if (f.form == FormulationForm::kOralSolution) {
        option.strength_mg_per_ml = f.strength_mg_per_ml;
        option.measure_increment_ml = kDefaultStepMl;
      } else {
        option.strength_mg = f.strength_mg;
        option.split = f.form == FormulationForm::kTablet ? f.split : Split::kNone;
      }
      add_or_merge(set.options, option);
    }
  }
  return set;
}

}  // namespace taperlab
