#pragma once

// Student's t distribution, enough for confidence intervals and p-values on a person's own journal
// (a handful to a few hundred values), from Boost.Math (Debian's libboost-math-dev, header-only):
// fractional degrees of freedom too, as Welch's test needs.

namespace taperlab::insight {

// I_x(a, b) for a, b > 0 and 0 <= x <= 1 (boost::math::ibeta).
double regularized_incomplete_beta(double a, double b, double x);

// P(T <= t) for T ~ t(df), df > 0.
double student_t_cdf(double t, double df);

// P(|T| >= |t|): the two-sided p-value of a t statistic.
double student_t_two_sided_p(double t, double df);

// The t with P(T <= t) = p, for 0 < p < 1 and df > 0; e.g.
// student_t_quantile(0.975, 10) = 2.228. Throws Error(kInternal) outside that domain.
double student_t_quantile(double p, double df);

}  // namespace taperlab::insight
