#include "core/drugs/catalog_parse.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/base/error.hpp"

namespace taperlab {
namespace {

using nlohmann::json;

// Carries the context every error message needs.
struct Context {
  const std::string& file;
  std::string item;

  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    throw DataFileError(file, item, field, message);
  }

  const json& member(const json& obj, const std::string& key, const std::string& path) const {
    if (!obj.is_object()) fail(path, "expected an object");
    auto it = obj.find(key);
    if (it == obj.end()) fail(path.empty() ? key : path + "." + key, "is missing");
    return *it;
  }

  std::string string_at(const json& obj, const std::string& key, const std::string& path) const {
    const json& v = member(obj, key, path);
    if (!v.is_string() || v.get<std::string>().empty())
      fail(join(path, key), "expected a non-empty string");
    return v.get<std::string>();
  }

  double number(const json& v, const std::string& field) const {
    if (!v.is_number()) fail(field, "expected a number");
    const double x = v.get<double>();
    if (!std::isfinite(x)) fail(field, "expected a finite number");
    return x;
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
};

Evidence parse_evidence(const Context& ctx, const json& v, const std::string& field) {
  if (!v.is_string()) ctx.fail(field, "expected \"published\", \"derived\" or \"assumed\"");
  const auto s = v.get<std::string>();
  if (s == "published") return Evidence::kPublished;
  if (s == "derived") return Evidence::kDerived;
  if (s == "assumed") return Evidence::kAssumed;
  ctx.fail(field, "unknown evidence '" + s + "' (expected published, derived or assumed)");
}

enum class Bound { kPositive, kNonNegative, kFraction };

Sourced parse_sourced(const Context& ctx, const json& obj, const std::string& key,
                      const std::string& path, Bound bound) {
  const std::string field = Context::join(path, key);
  const json& v = ctx.member(obj, key, path);
  if (!v.is_object()) ctx.fail(field, "expected {\"value\", \"evidence\", \"source\"}");
  Sourced s;
  s.value = ctx.number(ctx.member(v, "value", field), field + ".value");
  s.evidence = parse_evidence(ctx, ctx.member(v, "evidence", field), field + ".evidence");
  s.source = ctx.string_at(v, "source", field);
  if (auto n = v.find("note"); n != v.end() && n->is_string()) s.note = n->get<std::string>();
  switch (bound) {
    case Bound::kPositive:
      if (s.value <= 0) ctx.fail(field + ".value", "must be greater than 0");
      break;
    case Bound::kNonNegative:
      if (s.value < 0) ctx.fail(field + ".value", "must not be negative");
      break;
    case Bound::kFraction:
      if (s.value <= 0 || s.value > 1) ctx.fail(field + ".value", "must be in (0, 1]");
      break;
  }
  return s;
}

std::optional<HalfLifeRange> parse_range(const Context& ctx, const json& obj,
                                         const std::string& key, const std::string& path) {
  const std::string field = Context::join(path, key);
  const json& v = ctx.member(obj, key, path);
  if (v.is_null()) return std::nullopt;
  if (!v.is_array() || v.size() != 2) ctx.fail(field, "expected [low, high] or null");
  HalfLifeRange r{ctx.number(v[0], field + "[0]"), ctx.number(v[1], field + "[1]")};
  if (r.low_h <= 0 || r.high_h < r.low_h) ctx.fail(field, "expected 0 < low <= high");
  return r;
}

Formulation parse_formulation(const Context& ctx, const json& v, const std::string& field) {
  Formulation f;
  f.country = ctx.string_at(v, "country", field);
  const std::string form = ctx.string_at(v, "form", field);
  if (form == "tablet") {
    f.form = FormulationForm::kTablet;
  } else if (form == "capsule") {
    f.form = FormulationForm::kCapsule;
  } else if (form == "odt") {
    f.form = FormulationForm::kOdt;
  } else if (form == "oral_solution") {
    f.form = FormulationForm::kOralSolution;
  } else {
    ctx.fail(field + ".form", "unknown form '" + form + "'");
  }
  if (f.form == FormulationForm::kOralSolution) {
    f.strength_mg_per_ml =
        ctx.number(ctx.member(v, "strength_mg_per_ml", field), field + ".strength_mg_per_ml");
    if (f.strength_mg_per_ml <= 0) ctx.fail(field + ".strength_mg_per_ml", "must be > 0");
  } else {
    f.strength_mg = ctx.number(ctx.member(v, "strength_mg", field), field + ".strength_mg");
    if (f.strength_mg <= 0) ctx.fail(field + ".strength_mg", "must be > 0");
    if (auto s = v.find("scored"); s != v.end()) {
      if (!s->is_boolean()) ctx.fail(field + ".scored", "expected true or false");
      f.scored = s->get<bool>();
    }
    const std::string split = v.contains("split") ? ctx.string_at(v, "split", field) : "none";
    if (split == "none") {
      f.split = Split::kNone;
    } else if (split == "half") {
      f.split = Split::kHalf;
    } else if (split == "quarter") {
      f.split = Split::kQuarter;
    } else {
      ctx.fail(field + ".split", "unknown split '" + split + "' (none, half or quarter)");
    }
    if (f.split != Split::kNone && f.form != FormulationForm::kTablet) {
      ctx.fail(field + ".split", "only tablets can be split");
    }
  }
  const std::string status = v.contains("status") ? ctx.string_at(v, "status", field) : "marketed";
  if (status == "marketed") {
    f.status = ProductStatus::kMarketed;
  } else if (status == "special") {
    f.status = ProductStatus::kSpecial;
  } else if (status == "discontinued") {
    f.status = ProductStatus::kDiscontinued;
  } else {
    ctx.fail(field + ".status",
             "unknown status '" + status + "' (marketed, special or discontinued)");
  }
  f.source = ctx.string_at(v, "source", field);
  return f;
}

}  // namespace

Drug parse_drug(const json& doc, const std::string& file) {
  Context ctx{file, ""};
  if (!doc.is_object()) ctx.fail("", "expected a JSON object");
  Drug d;
  d.id = ctx.string_at(doc, "id", "");
  ctx.item = d.id;
  d.generic_name = ctx.string_at(doc, "generic_name", "");
  const std::string cls = ctx.string_at(doc, "class", "");
  if (cls == "benzodiazepine") {
    d.drug_class = DrugClass::kBenzodiazepine;
  } else if (cls == "z-drug") {
    d.drug_class = DrugClass::kZDrug;
  } else {
    ctx.fail("class", "expected \"benzodiazepine\" or \"z-drug\"");
  }
  d.atc = ctx.string_at(doc, "atc", "");
  const std::string acting = ctx.string_at(doc, "acting", "");
  if (acting == "short") {
    d.acting = ActingClass::kShort;
  } else if (acting == "intermediate") {
    d.acting = ActingClass::kIntermediate;
  } else if (acting == "long") {
    d.acting = ActingClass::kLong;
  } else {
    ctx.fail("acting", "expected short, intermediate or long");
  }

  const json& brands = ctx.member(doc, "brands", "");
  if (!brands.is_object()) ctx.fail("brands", "expected an object of region -> names");
  for (const auto& [region, names] : brands.items()) {
    if (!names.is_array()) ctx.fail("brands." + region, "expected a list of names");
    for (const auto& n : names) {
      if (!n.is_string()) ctx.fail("brands." + region, "expected strings");
      d.brands[region].push_back(n.get<std::string>());
    }
  }

  const json& hl = ctx.member(doc, "half_life_h", "");
  d.half_life.parent = parse_range(ctx, hl, "parent", "half_life_h");
  d.half_life.active_metabolites = parse_range(ctx, hl, "active_metabolites", "half_life_h");
  if (!d.half_life.parent && !d.half_life.active_metabolites) {
    ctx.fail("half_life_h", "needs a parent or an active metabolite range");
  }
  d.half_life.evidence =
      parse_evidence(ctx, ctx.member(hl, "evidence", "half_life_h"), "half_life_h.evidence");
  d.half_life.source = ctx.string_at(hl, "source", "half_life_h");

  d.max_daily_mg = parse_sourced(ctx, doc, "max_daily_mg", "", Bound::kPositive);

  const json& pk = ctx.member(doc, "pk", "");
  d.pk.bioavailability = parse_sourced(ctx, pk, "F", "pk", Bound::kFraction);
  d.pk.ka_per_h = parse_sourced(ctx, pk, "ka_per_h", "pk", Bound::kPositive);
  d.pk.lag_h = parse_sourced(ctx, pk, "lag_h", "pk", Bound::kNonNegative);
  d.pk.cl_l_per_h = parse_sourced(ctx, pk, "cl_l_per_h", "pk", Bound::kPositive);
  d.pk.v_l = parse_sourced(ctx, pk, "v_l", "pk", Bound::kPositive);
  d.pk.relative_potency = parse_sourced(ctx, pk, "relative_potency", "pk", Bound::kNonNegative);

  std::set<std::string> species{d.id};
  const json& mets = ctx.member(pk, "metabolites", "pk");
  if (!mets.is_array()) ctx.fail("pk.metabolites", "expected a list");
  for (std::size_t i = 0; i < mets.size(); ++i) {
    const std::string field = "pk.metabolites[" + std::to_string(i) + "]";
    const json& m = mets[i];
    Metabolite met;
    met.species = ctx.string_at(m, "species", field);
    met.formed_from = ctx.string_at(m, "formed_from", field);
    if (!species.count(met.formed_from)) {
      ctx.fail(field + ".formed_from",
               "'" + met.formed_from + "' is neither the parent nor an earlier metabolite");
    }
    if (species.count(met.species)) ctx.fail(field + ".species", "duplicate species");
    species.insert(met.species);
    met.fm = parse_sourced(ctx, m, "fm", field, Bound::kFraction);
    met.cl_l_per_h = parse_sourced(ctx, m, "cl_l_per_h", field, Bound::kPositive);
    met.v_l = parse_sourced(ctx, m, "v_l", field, Bound::kPositive);
    met.relative_potency = parse_sourced(ctx, m, "relative_potency", field, Bound::kNonNegative);
    d.pk.metabolites.push_back(std::move(met));
  }
  if (d.pk.metabolites.size() > 5) ctx.fail("pk.metabolites", "at most 5 metabolites are modelled");
  double potency = d.pk.relative_potency.value;
  for (const auto& m : d.pk.metabolites) potency += m.relative_potency.value;
  if (potency <= 0) ctx.fail("pk.relative_potency", "no species of this drug is active");

  const json& forms = ctx.member(doc, "formulations", "");
  if (!forms.is_array() || forms.empty()) ctx.fail("formulations", "expected a non-empty list");
  for (std::size_t i = 0; i < forms.size(); ++i) {
    d.formulations.push_back(
        parse_formulation(ctx, forms[i], "formulations[" + std::to_string(i) + "]"));
  }
  return d;
}

EquivalenceTable parse_equivalence_table(const json& doc, const std::string& file) {
  Context ctx{file, ""};
  if (!doc.is_object()) ctx.fail("", "expected a JSON object");
  EquivalenceTable t;
  t.id = ctx.string_at(doc, "id", "");
  ctx.item = "table " + t.id;
  t.name = ctx.string_at(doc, "name", "");
  t.citation = ctx.string_at(doc, "citation", "");
  t.reference_drug = ctx.string_at(doc, "reference_drug", "");
  t.reference_dose_mg = ctx.number(ctx.member(doc, "reference_dose_mg", ""), "reference_dose_mg");
  if (t.reference_dose_mg <= 0) ctx.fail("reference_dose_mg", "must be > 0");
  const json& entries = ctx.member(doc, "entries", "");
  if (!entries.is_object() || entries.empty()) ctx.fail("entries", "expected a non-empty object");
  for (const auto& [drug, e] : entries.items()) {
    const std::string field = "entries." + drug;
    EquivalentDose dose;
    dose.dose_mg = ctx.number(ctx.member(e, "dose_mg", field), field + ".dose_mg");
    const json& range = ctx.member(e, "range_mg", field);
    if (!range.is_array() || range.size() != 2) ctx.fail(field + ".range_mg", "expected [lo, hi]");
    dose.low_mg = ctx.number(range[0], field + ".range_mg[0]");
    dose.high_mg = ctx.number(range[1], field + ".range_mg[1]");
    if (dose.low_mg <= 0 || dose.high_mg < dose.low_mg) {
      ctx.fail(field + ".range_mg", "expected 0 < lo <= hi");
    }
    if (dose.dose_mg < dose.low_mg || dose.dose_mg > dose.high_mg) {
      ctx.fail(field + ".dose_mg", "lies outside range_mg");
    }
    dose.evidence = parse_evidence(ctx, ctx.member(e, "evidence", field), field + ".evidence");
    if (auto n = e.find("note"); n != e.end() && n->is_string()) dose.note = n->get<std::string>();
    t.entries.emplace(drug, std::move(dose));
  }
  if (!t.entries.count(t.reference_drug)) {
    ctx.fail("entries", "the reference drug " + t.reference_drug + " has no entry");
  }
  return t;
}

}  // namespace taperlab
