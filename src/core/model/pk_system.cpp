#include "core/model/pk_system.hpp"

#include <Eigen/Dense>
#include <unsupported/Eigen/MatrixFunctions>

#include "core/base/error.hpp"

namespace taperlab {
namespace {

Eigen::MatrixXd to_eigen(const PkSystem& pk) {
  const auto n = static_cast<Eigen::Index>(pk.size());
  Eigen::MatrixXd m(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      m(i, j) = pk.rate(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
    }
  }
  return m;
}

}  // namespace

PkSystem::PkSystem(const Drug& drug)
    : drug_id_(drug.id),
      bioavailability_(drug.pk.bioavailability.value),
      lag_h_(drug.pk.lag_h.value) {
  n_ = 2 + drug.pk.metabolites.size();
  if (n_ > kMaxPkStates) throw Error(ErrorCode::kInternal, drug.id + ": too many metabolites");
  species_.push_back(drug.id);
  volume_l_ = {0.0, drug.pk.v_l.value};
  clearance_l_per_h_ = {0.0, drug.pk.cl_l_per_h.value};
  precursor_ = {0, 0};
  fm_ = {0.0, 1.0};
  for (const auto& m : drug.pk.metabolites) {
    std::size_t from = 1;
    for (std::size_t s = 0; s < species_.size(); ++s) {
      if (species_[s] == m.formed_from) from = s + 1;
    }
    species_.push_back(m.species);
    volume_l_.push_back(m.v_l.value);
    clearance_l_per_h_.push_back(m.cl_l_per_h.value);
    precursor_.push_back(from);
    fm_.push_back(m.fm.value);
  }
  rates_.assign(n_ * n_, 0.0);
  const double ka = drug.pk.ka_per_h.value;
  rates_[0] = -ka;
  rates_[1 * n_ + 0] = ka;
  for (std::size_t s = 1; s < n_; ++s) {
    const double ke = clearance_l_per_h_[s] / volume_l_[s];
    rates_[s * n_ + s] -= ke;
    if (s >= 2) {
      const std::size_t p = precursor_[s];
      rates_[s * n_ + p] += fm_[s] * clearance_l_per_h_[p] / volume_l_[p];
    }
  }
}

std::vector<double> PkSystem::average_steady_state_mg_per_l(double daily_mg) const {
  std::vector<double> formation_mg_per_h(n_, 0.0);
  std::vector<double> css(n_, 0.0);
  formation_mg_per_h[1] = bioavailability_ * daily_mg / 24.0;
  for (std::size_t s = 1; s < n_; ++s) {
    if (s >= 2) formation_mg_per_h[s] = fm_[s] * formation_mg_per_h[precursor_[s]];
    css[s] = formation_mg_per_h[s] / clearance_l_per_h_[s];
  }
  return css;
}

Propagator PkSystem::propagator(double dt_h) const {
  const Eigen::MatrixXd p = (to_eigen(*this) * dt_h).exp();
  Propagator out;
  out.dt_h = dt_h;
  for (std::size_t i = 0; i < n_; ++i) {
    for (std::size_t j = 0; j < n_; ++j) {
      out.m[i * kMaxPkStates + j] = p(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    }
  }
  return out;
}

PkState periodic_steady_state(const Propagator& period, std::size_t n, const PkState& b) {
  const auto en = static_cast<Eigen::Index>(n);
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(en, en);
  Eigen::VectorXd rhs(en);
  for (Eigen::Index i = 0; i < en; ++i) {
    rhs(i) = b[static_cast<std::size_t>(i)];
    for (Eigen::Index j = 0; j < en; ++j) {
      a(i, j) -= period.m[static_cast<std::size_t>(i) * kMaxPkStates + static_cast<std::size_t>(j)];
    }
  }
  const Eigen::VectorXd x = a.partialPivLu().solve(rhs);
  PkState out{};
  for (Eigen::Index i = 0; i < en; ++i) out[static_cast<std::size_t>(i)] = x(i);
  return out;
}

}  // namespace taperlab
