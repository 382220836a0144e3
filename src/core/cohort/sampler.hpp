#pragma once

// Counter-based sampling of virtual people: person k's parameters are a pure function of (seed,
// k), so any number of threads or shards, in any order, draws the same people.

#include <cstdint>
#include <span>

#include "core/cohort/population.hpp"

namespace taperlab::cohort {

// SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijective 64-bit mix.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A uniform in (0, 1) (53 random bits, never 0 or 1) for stream `stream` of person k.
double counter_uniform(std::uint64_t seed, std::uint64_t person, std::uint64_t stream) noexcept;
// A standard normal for stream `stream` of person k (Box-Muller of two counter uniforms).
double counter_normal(std::uint64_t seed, std::uint64_t person, std::uint64_t stream) noexcept;

// Person k's parameter multipliers: ln m_j = ln median_j + log_sd_j * (L z)_j + covariate shifts,
// z standard normals of streams 0..6, L the population's Cholesky factor. Covariate c's value
// comes from stream 32 + c; when `covariates` is not empty (size >= population.covariates.size())
// the values are written there. With every log SD 0 and no covariates, every multiplier is
// exactly the median multiplier.
Multipliers sample_person(const Population& population, std::uint64_t seed, std::uint64_t person,
                          std::span<double> covariates = {});

}  // namespace taperlab::cohort
