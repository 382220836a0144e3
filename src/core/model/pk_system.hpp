#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "core/drugs/drug.hpp"

namespace taperlab {

// Gut, parent and up to five active metabolites.
inline constexpr std::size_t kMaxPkStates = 7;

using PkState = std::array<double, kMaxPkStates>;  // amounts in mg

// exp(M dt) for one drug, row-major, only the first n x n entries used.
struct Propagator {
  double dt_h = 0.0;
  std::array<double, kMaxPkStates * kMaxPkStates> m{};
};

// The linear PK model of one drug (docs/model.md section 1): state [gut, parent, metabolites...],
// dA/dt = M A. Between events the state moves exactly by exp(M dt); doses add F*D to the gut.
class PkSystem {
 public:
  explicit PkSystem(const Drug& drug);

  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  [[nodiscard]] const std::string& drug_id() const noexcept { return drug_id_; }
  // Species names for states 1..n-1 (index 0 of this list is the parent).
  [[nodiscard]] const std::vector<std::string>& species() const noexcept { return species_; }
  [[nodiscard]] double volume_l(std::size_t state) const { return volume_l_[state]; }
  [[nodiscard]] double clearance_l_per_h(std::size_t state) const {
    return clearance_l_per_h_[state];
  }
  [[nodiscard]] double bioavailability() const noexcept { return bioavailability_; }
  [[nodiscard]] double lag_h() const noexcept { return lag_h_; }
  [[nodiscard]] double rate(std::size_t row, std::size_t col) const {
    return rates_[row * n_ + col];
  }

  // Average steady-state concentration (mg/L) of each state for a daily dose, from mass balance:
  // every species' elimination rate equals its formation rate at steady state.
  [[nodiscard]] std::vector<double> average_steady_state_mg_per_l(double daily_mg) const;

  [[nodiscard]] Propagator propagator(double dt_h) const;

 private:
  std::string drug_id_;
  std::size_t n_ = 0;
  std::vector<std::string> species_;
  std::vector<double> volume_l_;           // per state; gut has none (0)
  std::vector<double> clearance_l_per_h_;  // per state; gut has none (0)
  std::vector<std::size_t> precursor_;     // per state; formation source
  std::vector<double> fm_;                 // per state
  std::vector<double> rates_;              // n x n, row-major
  double bioavailability_ = 1.0;
  double lag_h_ = 0.0;
};

// x <- P x, using only the system's n states (P is lower triangular for a chain).
inline void advance(const Propagator& p, std::size_t n, PkState& x) noexcept {
  PkState y{};
  for (std::size_t i = 0; i < n; ++i) {
    double s = 0.0;
    for (std::size_t j = 0; j <= i; ++j) s += p.m[i * kMaxPkStates + j] * x[j];
    y[i] = s;
  }
  x = y;
}

// x <- (I - P_period)^-1 b: the periodic steady state reached by a regimen whose one-period
// response from zero is b.
PkState periodic_steady_state(const Propagator& period, std::size_t n, const PkState& b);

}  // namespace taperlab
