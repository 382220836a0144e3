#include "core/insight/student_t.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"

namespace taperlab::insight {
namespace {

// The continued fraction of I_x(a, b), evaluated with the modified Lentz method. It converges fast
// for x < (a + 1) / (a + b + 2); the caller uses the symmetry I_x(a, b) = 1 - I_(1-x)(b, a)
// otherwise. Convergence takes O(sqrt(max(a, b))) terms, hence the generous cap.
double beta_continued_fraction(double a, double b, double x) {
  constexpr int kMaxTerms = 100000;
  constexpr double kEpsilon = 1e-16;
  constexpr double kTiny = 1e-300;  // keeps a denominator away from zero
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= kMaxTerms; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEpsilon) break;
  }
  return h;
}

void require_df(double df) {
  if (!(df > 0.0) || !std::isfinite(df)) {
    throw Error(ErrorCode::kInternal, "t distribution needs df > 0, got " + std::to_string(df));
  }
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  if (!(a > 0.0) || !(b > 0.0)) {
    throw Error(ErrorCode::kInternal, "incomplete beta needs a > 0 and b > 0");
  }
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_two_sided_p(double t, double df) {
  require_df(df);
  if (std::isinf(t)) return 0.0;
  // P(|T| >= |t|) = I_x(df/2, 1/2) with x = df / (df + t^2): no cancellation for large |t|.
  return regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
}

double student_t_cdf(double t, double df) {
  const double tail = 0.5 * student_t_two_sided_p(t, df);
  return t >= 0.0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double df) {
  require_df(df);
  if (!(p > 0.0 && p < 1.0)) {
    throw Error(ErrorCode::kInternal, "t quantile needs 0 < p < 1, got " + std::to_string(p));
  }
  if (p == 0.5) return 0.0;
  if (p < 0.5) return -student_t_quantile(1.0 - p, df);
  // Solve the upper tail P(T >= t) = 1 - p for t > 0: the tail falls monotonically in t, so
  // bracket the root by doubling, then bisect to full double precision.
  const double target = 2.0 * (1.0 - p);  // as a two-sided p
  double lo = 0.0;
  double hi = 1.0;
  while (student_t_two_sided_p(hi, df) > target) {
    lo = hi;
    hi *= 2.0;
    if (hi > 1e300) return hi;  // p so close to 1 that the quantile is beyond any use
  }
  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (student_t_two_sided_p(mid, df) > target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

}  // namespace taperlab::insight
