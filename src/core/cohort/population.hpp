#pragma once

// A virtual population: the between-person spread of every person-level model parameter
// (docs/model.md section 5), read from data/population/*.json. Pure: parses JSON handed to it;
// the file is read by io::load_population.

#include <array>
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/sourced.hpp"

namespace taperlab::cohort {

// The person-level parameters, each a multiplier on the drug's or the model's own value.
enum class PersonParameter : std::size_t {
  kClearance,   // "cl": every species' clearance of each drug (parent and metabolites)
  kVolume,      // "v": every species' volume of distribution
  kAbsorption,  // "ka": the absorption rate constant
  kPotency,     // "potency": receptor potency; D50 is divided by it
  kFastRate,    // "k_fast": the fast adaptation pool's rate (its half-time divided by it)
  kSlowRate,    // "k_slow": the slow pool's rate
  kS1,          // "s1": symptom share per unit of W (the personal model's s1; not simulated)
};
inline constexpr std::size_t kPersonParameters = 7;
using Multipliers = std::array<double, kPersonParameters>;

// The JSON key of a parameter ("cl", "v", "ka", "potency", "k_fast", "k_slow", "s1").
const char* key_of(PersonParameter p);

// Log-normal: ln(multiplier) ~ Normal(ln median_multiplier, log_sd^2). A file gives either "cv"
// (the coefficient of variation of the multiplier: log_sd = sqrt(ln(1 + cv^2))) or "log_sd".
struct ParameterSpread {
  double median_multiplier = 1.0;
  double log_sd = 0.0;
  double cv = 0.0;  // sqrt(exp(log_sd^2) - 1), for reports
  Evidence evidence = Evidence::kAssumed;
  std::string source;
  std::string note;
};

// A person-level covariate (e.g. age in years, or 1 for female): drawn per person, and shifting
// the log of parameters: ln m += log_change_per_unit * (value - centre).
struct CovariateEffect {
  PersonParameter parameter = PersonParameter::kClearance;
  double log_change_per_unit = 0.0;
  double centre = 0.0;
  Evidence evidence = Evidence::kAssumed;
  std::string source;
};

struct Covariate {
  enum class Kind { kBernoulli, kNormal };
  std::string name;
  Kind kind = Kind::kNormal;
  double p = 0.0;  // Bernoulli: the share with value 1
  double mean = 0.0;
  double sd = 0.0;  // Normal, clamped to [min, max]
  double min = 0.0;
  double max = 0.0;
  std::vector<CovariateEffect> effects;
  Evidence evidence = Evidence::kAssumed;
  std::string source;
};

struct Correlation {
  PersonParameter a = PersonParameter::kClearance;
  PersonParameter b = PersonParameter::kVolume;
  double r = 0.0;
  Evidence evidence = Evidence::kAssumed;
  std::string source;
};

struct Population {
  std::string id;
  std::string title;
  std::array<ParameterSpread, kPersonParameters> spread;
  std::vector<Correlation> correlations;
  std::vector<Covariate> covariates;
  // Cholesky factor (lower, row-major) of the correlation matrix of the log-parameters; identity
  // without correlations. Set by parse_population and with_correlations_applied.
  std::array<double, kPersonParameters * kPersonParameters> cholesky{};

  [[nodiscard]] const ParameterSpread& operator[](PersonParameter p) const {
    return spread[static_cast<std::size_t>(p)];
  }
  ParameterSpread& operator[](PersonParameter p) { return spread[static_cast<std::size_t>(p)]; }
};

// Everyone alike: every multiplier 1, no covariates. A cohort of this population is the single
// person of Simulator, repeated.
Population zero_variability_population();

// Recomputes `cholesky` from `correlations`; throws ValidationError naming "correlations" when
// the matrix is not positive definite.
void apply_correlations(Population& population);

// Reads a population document (docs/model.md section 5, data/population/README.md). Throws
// ValidationError naming the field ("parameters.ka.cv", "correlations[0].r") on the first problem;
// unknown keys are refused too, so that a misspelt "log_sd" is not silently ignored.
Population parse_population(const nlohmann::json& document);
Population parse_population_text(std::string_view json_text);

}  // namespace taperlab::cohort
