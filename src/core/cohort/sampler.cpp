#include "core/cohort/sampler.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace taperlab::cohort {

double counter_uniform(std::uint64_t seed, std::uint64_t person, std::uint64_t stream) noexcept {
  // Three rounds of mixing keep nearby (seed, person, stream) triples independent.
  const std::uint64_t key = mix64(seed ^ 0x9e3779b97f4a7c15ULL);
  const std::uint64_t bits = mix64(mix64(key + person * 0xd1b54a32d192ed03ULL) ^
                                   (stream * 0x8cb92ba72f3d8dd7ULL + 0x632be59bd9b4e019ULL));
  return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

double counter_normal(std::uint64_t seed, std::uint64_t person, std::uint64_t stream) noexcept {
  const double u1 = counter_uniform(seed, person, 2 * stream);
  const double u2 = counter_uniform(seed, person, 2 * stream + 1);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

Multipliers sample_person(const Population& population, std::uint64_t seed, std::uint64_t person,
                          std::span<double> covariates) {
  constexpr std::size_t n = kPersonParameters;
  std::array<double, n> z{};
  for (std::size_t j = 0; j < n; ++j) {
    if (population.spread[j].log_sd > 0) z[j] = counter_normal(seed, person, j);
  }
  std::array<double, n> log_m{};
  for (std::size_t i = 0; i < n; ++i) {
    const ParameterSpread& s = population.spread[i];
    if (!(s.log_sd > 0)) continue;  // exactly the median, whatever its correlations
    double correlated = 0.0;
    for (std::size_t j = 0; j <= i; ++j) correlated += population.cholesky[i * n + j] * z[j];
    log_m[i] = s.log_sd * correlated;
  }
  for (std::size_t c = 0; c < population.covariates.size(); ++c) {
    const Covariate& cov = population.covariates[c];
    const std::uint64_t stream = 32 + c;
    double value = 0.0;
    if (cov.kind == Covariate::Kind::kBernoulli) {
      value = counter_uniform(seed, person, 2 * stream) < cov.p ? 1.0 : 0.0;
    } else {
      value =
          std::clamp(cov.mean + cov.sd * counter_normal(seed, person, stream), cov.min, cov.max);
    }
    if (c < covariates.size()) covariates[c] = value;
    for (const auto& e : cov.effects) {
      log_m[static_cast<std::size_t>(e.parameter)] += e.log_change_per_unit * (value - e.centre);
    }
  }
  Multipliers m{};
  for (std::size_t i = 0; i < n; ++i) {
    const double median = population.spread[i].median_multiplier;
    m[i] = log_m[i] == 0.0 ? median : median * std::exp(log_m[i]);
  }
  return m;
}

}  // namespace taperlab::cohort
