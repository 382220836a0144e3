#include "core/cohort/population.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"

namespace taperlab::cohort {
namespace population_detail {

using nlohmann::json;

constexpr std::array<const char*, kPersonParameters> kKeys = {"cl",     "v",      "ka", "potency",
                                                              "k_fast", "k_slow", "s1"};

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

const json& object_at(const json& v, const std::string& field) {
  if (!v.is_object()) throw ValidationError(field, "must be an object");
  return v;
}

void expect_keys(const json& obj, std::initializer_list<const char*> allowed,
                 const std::string& path) {
  for (const auto& [key, value] : obj.items()) {
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) throw ValidationError(join(path, key), "is not a known field");
  }
}

const json* optional(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

double number(const json& obj, const char* key, const std::string& path) {
  const json* v = optional(obj, key);
  if (v == nullptr) throw ValidationError(join(path, key), "is required");
  if (!v->is_number()) throw ValidationError(join(path, key), "must be a number");
  const double x = v->get<double>();
  if (!std::isfinite(x)) throw ValidationError(join(path, key), "must be finite");
  return x;
}

std::string text(const json& obj, const char* key, const std::string& path, bool required) {
  const json* v = optional(obj, key);
  if (v == nullptr) {
    if (required) throw ValidationError(join(path, key), "is required");
    return {};
  }
  if (!v->is_string()) throw ValidationError(join(path, key), "must be a string");
  std::string s = v->get<std::string>();
  if (required && s.empty()) throw ValidationError(join(path, key), "must not be empty");
  return s;
}

Evidence evidence(const json& obj, const std::string& path) {
  const std::string e = text(obj, "evidence", path, true);
  if (e == "published") return Evidence::kPublished;
  if (e == "derived") return Evidence::kDerived;
  if (e == "assumed") return Evidence::kAssumed;
  throw ValidationError(join(path, "evidence"), "must be published, derived or assumed");
}

PersonParameter parameter_named(const json& v, const std::string& field) {
  if (v.is_string()) {
    const auto name = v.get<std::string>();
    for (std::size_t i = 0; i < kPersonParameters; ++i) {
      if (name == kKeys[i]) return static_cast<PersonParameter>(i);
    }
  }
  throw ValidationError(field, "must name a parameter: cl, v, ka, potency, k_fast, k_slow or s1");
}

ParameterSpread spread_of(const json& v, const std::string& path) {
  object_at(v, path);
  expect_keys(v, {"median_multiplier", "cv", "log_sd", "evidence", "source", "note", "applies_to"},
              path);
  ParameterSpread s;
  s.median_multiplier = number(v, "median_multiplier", path);
  if (!(s.median_multiplier > 0)) {
    throw ValidationError(join(path, "median_multiplier"), "must be positive");
  }
  const bool has_cv = optional(v, "cv") != nullptr;
  const bool has_log_sd = optional(v, "log_sd") != nullptr;
  if (has_cv == has_log_sd) throw ValidationError(join(path, "cv"), "give either cv or log_sd");
  if (has_cv) {
    s.cv = number(v, "cv", path);
    if (!(s.cv >= 0 && s.cv <= 10)) throw ValidationError(join(path, "cv"), "must lie in 0..10");
    s.log_sd = std::sqrt(std::log1p(s.cv * s.cv));
  } else {
    s.log_sd = number(v, "log_sd", path);
    if (!(s.log_sd >= 0 && s.log_sd <= 3)) {
      throw ValidationError(join(path, "log_sd"), "must lie in 0..3");
    }
    s.cv = std::sqrt(std::expm1(s.log_sd * s.log_sd));
  }
  s.evidence = evidence(v, path);
  s.source = text(v, "source", path, true);
  s.note = text(v, "note", path, false);
  return s;
}

Covariate covariate_of(const json& v, const std::string& path) {
  object_at(v, path);
  expect_keys(v, {"name", "kind", "p", "mean", "sd", "min", "max", "effects", "evidence", "source"},
              path);
  Covariate c;
  c.name = text(v, "name", path, true);
  const std::string kind = text(v, "kind", path, true);
  if (kind == "bernoulli") {
    c.kind = Covariate::Kind::kBernoulli;
    c.p = number(v, "p", path);
    if (!(c.p >= 0 && c.p <= 1)) throw ValidationError(join(path, "p"), "must lie in 0..1");
  } else if (kind == "normal") {
    c.kind = Covariate::Kind::kNormal;
    c.mean = number(v, "mean", path);
    c.sd = number(v, "sd", path);
    c.min = number(v, "min", path);
    c.max = number(v, "max", path);
    if (!(c.sd >= 0)) throw ValidationError(join(path, "sd"), "must not be negative");
    if (!(c.min <= c.mean && c.mean <= c.max)) {
      throw ValidationError(join(path, "min"), "must satisfy min <= mean <= max");
    }
  } else {
    throw ValidationError(join(path, "kind"), "must be bernoulli or normal");
  }
  c.evidence = evidence(v, path);
  c.source = text(v, "source", path, true);
  const json* effects = optional(v, "effects");
  if (effects == nullptr || !effects->is_array()) {
    throw ValidationError(join(path, "effects"), "must be a list");
  }
  for (std::size_t i = 0; i < effects->size(); ++i) {
    const std::string ep = join(path, "effects") + "[" + std::to_string(i) + "]";
    const json& e = object_at((*effects)[i], ep);
    expect_keys(e, {"parameter", "log_change_per_unit", "centre", "evidence", "source"}, ep);
    CovariateEffect effect;
    const json* name = optional(e, "parameter");
    if (name == nullptr) throw ValidationError(join(ep, "parameter"), "is required");
    effect.parameter = parameter_named(*name, join(ep, "parameter"));
    effect.log_change_per_unit = number(e, "log_change_per_unit", ep);
    effect.centre = number(e, "centre", ep);
    effect.evidence = evidence(e, ep);
    effect.source = text(e, "source", ep, true);
    c.effects.push_back(effect);
  }
  return c;
}

}  // namespace population_detail

const char* key_of(PersonParameter p) {
  return population_detail::kKeys[static_cast<std::size_t>(p)];
}

void apply_correlations(Population& population) {
  constexpr std::size_t n = kPersonParameters;
  std::array<double, n * n> c{};
  for (std::size_t i = 0; i < n; ++i) c[i * n + i] = 1.0;
  for (const auto& k : population.correlations) {
    const auto a = static_cast<std::size_t>(k.a);
    const auto b = static_cast<std::size_t>(k.b);
    c[a * n + b] = k.r;
    c[b * n + a] = k.r;
  }
  // Cholesky-Banachiewicz: c = L L^T.
  std::array<double, n * n> l{};
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double sum = c[i * n + j];
      for (std::size_t k = 0; k < j; ++k) sum -= l[i * n + k] * l[j * n + k];
      if (i == j) {
        if (!(sum > 1e-12)) {
          throw ValidationError("correlations", "the correlation matrix is not positive definite");
        }
        l[i * n + i] = std::sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  population.cholesky = l;
}

Population zero_variability_population() {
  Population p;
  p.id = "zero-variability";
  p.title = "Everyone alike";
  for (auto& s : p.spread) s.source = "none: every multiplier is 1";
  apply_correlations(p);
  return p;
}

Population parse_population(const nlohmann::json& document) {
  using namespace population_detail;
  object_at(document, "population");
  expect_keys(document, {"id", "title", "note", "parameters", "correlations", "covariates"}, "");
  Population out;
  out.id = text(document, "id", "", true);
  out.title = text(document, "title", "", true);
  const json* parameters = optional(document, "parameters");
  if (parameters == nullptr) throw ValidationError("parameters", "is required");
  object_at(*parameters, "parameters");
  for (const auto& [key, value] : parameters->items()) {
    parameter_named(json(key), join("parameters", key));
  }
  for (std::size_t i = 0; i < kPersonParameters; ++i) {
    const std::string path = join("parameters", kKeys[i]);
    const json* v = optional(*parameters, kKeys[i]);
    if (v == nullptr) throw ValidationError(path, "is required");
    out.spread[i] = spread_of(*v, path);
  }
  if (const json* list = optional(document, "correlations")) {
    if (!list->is_array()) throw ValidationError("correlations", "must be a list");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string path = "correlations[" + std::to_string(i) + "]";
      const json& c = object_at((*list)[i], path);
      expect_keys(c, {"between", "r", "evidence", "source"}, path);
      const json* between = optional(c, "between");
      if (between == nullptr || !between->is_array() || between->size() != 2) {
        throw ValidationError(join(path, "between"), "must name two parameters");
      }
      Correlation k;
      k.a = parameter_named((*between)[0], join(path, "between"));
      k.b = parameter_named((*between)[1], join(path, "between"));
      if (k.a == k.b) throw ValidationError(join(path, "between"), "must name two parameters");
      for (const auto& earlier : out.correlations) {
        if ((earlier.a == k.a && earlier.b == k.b) || (earlier.a == k.b && earlier.b == k.a)) {
          throw ValidationError(join(path, "between"), "repeats an earlier pair");
        }
      }
      k.r = number(c, "r", path);
      if (!(k.r > -1 && k.r < 1)) throw ValidationError(join(path, "r"), "must lie in (-1, 1)");
      k.evidence = evidence(c, path);
      k.source = text(c, "source", path, true);
      out.correlations.push_back(k);
    }
  }
  if (const json* list = optional(document, "covariates")) {
    if (!list->is_array()) throw ValidationError("covariates", "must be a list");
    for (std::size_t i = 0; i < list->size(); ++i) {
      out.covariates.push_back(covariate_of((*list)[i], "covariates[" + std::to_string(i) + "]"));
    }
  }
  apply_correlations(out);
  return out;
}

Population parse_population_text(std::string_view json_text) {
  nlohmann::json document = nlohmann::json::parse(json_text, nullptr, false);
  if (document.is_discarded()) throw ValidationError("population", "is not valid JSON");
  return parse_population(document);
}

}  // namespace taperlab::cohort
