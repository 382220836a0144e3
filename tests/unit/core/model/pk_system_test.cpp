// The PK mathematics against closed forms (docs/model.md section 1).
#include "core/model/pk_system.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace taperlab {
namespace {

Sourced value(double v) { return Sourced{v, Evidence::kAssumed, "test", ""}; }

Drug one_compartment(double f, double ka, double cl, double v) {
  Drug d;
  d.id = "testdrug";
  d.pk.bioavailability = value(f);
  d.pk.ka_per_h = value(ka);
  d.pk.lag_h = value(0);
  d.pk.cl_l_per_h = value(cl);
  d.pk.v_l = value(v);
  d.pk.relative_potency = value(1);
  return d;
}

Drug with_metabolite(double fm, double clm, double vm) {
  Drug d = one_compartment(0.9, 1.2, 2.0, 80.0);
  d.pk.metabolites.push_back({"testmet", "testdrug", value(fm), value(clm), value(vm), value(1)});
  return d;
}

double bateman(double f, double dose, double ka, double ke, double v, double t) {
  return f * dose * ka / (v * (ka - ke)) * (std::exp(-ke * t) - std::exp(-ka * t));
}

TEST(PkSystem, SingleDoseFollowsTheBatemanCurve) {
  const double f = 0.9, ka = 1.5, cl = 4.5, v = 85.0, dose = 2.0;
  const PkSystem pk(one_compartment(f, ka, cl, v));
  const Propagator step = pk.propagator(0.5);
  PkState x{};
  x[0] = f * dose;
  for (int k = 1; k <= 400; ++k) {
    advance(step, pk.size(), x);
    const double t = 0.5 * k;
    const double expected = bateman(f, dose, ka, cl / v, v, t);
    EXPECT_NEAR(x[1] / v, expected, 1e-12 + 1e-10 * expected) << "t=" << t;
  }
}

TEST(PkSystem, IrregularIntervalsAgreeWithOneLongStep) {
  const PkSystem pk(one_compartment(0.93, 0.8, 4.5, 41.0));
  PkState a{};
  PkState b{};
  a[0] = b[0] = 10.0;
  advance(pk.propagator(0.37), pk.size(), a);
  advance(pk.propagator(2.13), pk.size(), a);
  advance(pk.propagator(7.5), pk.size(), a);
  advance(pk.propagator(10.0), pk.size(), b);
  for (std::size_t i = 0; i < pk.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-12);
}

TEST(PkSystem, SteadyStateAccumulationMatchesTheClosedForm) {
  const double f = 0.95, ka = 1.3, cl = 1.6, v = 83.0, dose = 10.0, tau = 12.0;
  const double ke = cl / v;
  const PkSystem pk(one_compartment(f, ka, cl, v));
  PkState one_period{};
  one_period[0] = f * dose;
  advance(pk.propagator(tau), pk.size(), one_period);
  // State just before a dose at steady state.
  PkState x = periodic_steady_state(pk.propagator(tau), pk.size(), one_period);
  x[0] += f * dose;
  const Propagator step = pk.propagator(1.0);
  for (int t = 1; t <= 12; ++t) {
    advance(step, pk.size(), x);
    const double expected = f * dose * ka / (v * (ka - ke)) *
                            (std::exp(-ke * t) / (1 - std::exp(-ke * tau)) -
                             std::exp(-ka * t) / (1 - std::exp(-ka * tau)));
    EXPECT_NEAR(x[1] / v, expected, 1e-10 * expected) << "t=" << t;
  }
  // Late in the interval, absorption is over and the ratio to a single dose is the accumulation
  // factor 1/(1 - exp(-ke tau)).
  const double single = bateman(f, dose, ka, ke, v, tau);
  EXPECT_NEAR((x[1] / v) / single, 1.0 / (1.0 - std::exp(-ke * tau)), 1e-6);
}

TEST(PkSystem, TerminalHalfLifeIsLn2OverKe) {
  const double cl = 4.3, v = 250.0;  // clonazepam-like: about 40 h
  const PkSystem pk(one_compartment(0.9, 1.7, cl, v));
  PkState x{};
  x[0] = 1.0;
  advance(pk.propagator(100.0), pk.size(), x);
  const double c1 = x[1];
  advance(pk.propagator(50.0), pk.size(), x);
  const double c2 = x[1];
  const double half_life = 50.0 * std::log(2.0) / std::log(c1 / c2);
  EXPECT_NEAR(half_life, std::log(2.0) * v / cl, 1e-6);
}

TEST(PkSystem, MetaboliteAucIsFmFDoseOverClm) {
  const double fm = 0.6, clm = 1.0, vm = 87.0, dose = 10.0;
  const Drug drug = with_metabolite(fm, clm, vm);
  const PkSystem pk(drug);
  const double h = 0.25;
  const Propagator step = pk.propagator(h);
  PkState x{};
  x[0] = 0.9 * dose;
  double auc = 0;
  double previous = 0;
  for (int k = 1; k <= 4 * 24 * 150; ++k) {
    advance(step, pk.size(), x);
    const double c = x[2] / vm;
    auc += 0.5 * (previous + c) * h;
    previous = c;
  }
  EXPECT_NEAR(auc, fm * 0.9 * dose / clm, 1e-4 * fm * 0.9 * dose / clm);
}

TEST(PkSystem, AverageSteadyStateConcentrationFollowsMassBalance) {
  const Drug drug = with_metabolite(0.6, 1.0, 87.0);
  const PkSystem pk(drug);
  const auto css = pk.average_steady_state_mg_per_l(24.0);  // 1 mg/h
  EXPECT_NEAR(css[1], 0.9 / 2.0, 1e-12);
  EXPECT_NEAR(css[2], 0.6 * 0.9 / 1.0, 1e-12);
}

}  // namespace
}  // namespace taperlab
