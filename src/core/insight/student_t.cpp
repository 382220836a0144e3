#include "core/insight/student_t.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <string>

#include "core/base/error.hpp"

namespace taperlab::insight {
namespace {

// Out-of-domain arguments are the caller's bug, reported as taperlab's internal error rather than
// Boost's domain_error; results too small for a double are 0 rather than an underflow error.
using Policy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>>;

void require_df(double df) {
  if (!(df > 0.0) || !std::isfinite(df)) {
    throw Error(ErrorCode::kInternal, "t distribution needs df > 0, got " + std::to_string(df));
  }
}

boost::math::students_t_distribution<double, Policy> t_distribution(double df) {
  require_df(df);
  return boost::math::students_t_distribution<double, Policy>(df);
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  if (!(a > 0.0) || !(b > 0.0)) {
    throw Error(ErrorCode::kInternal, "incomplete beta needs a > 0 and b > 0");
  }
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  return boost::math::ibeta(a, b, x, Policy());
}

double student_t_two_sided_p(double t, double df) {
  const auto dist = t_distribution(df);
  if (std::isinf(t)) return 0.0;
  // The upper tail of |t| (complement: no cancellation for large |t|), twice.
  return 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t)));
}

double student_t_cdf(double t, double df) {
  const auto dist = t_distribution(df);
  if (std::isinf(t)) return t > 0.0 ? 1.0 : 0.0;
  return boost::math::cdf(dist, t);
}

double student_t_quantile(double p, double df) {
  const auto dist = t_distribution(df);
  if (!(p > 0.0 && p < 1.0)) {
    throw Error(ErrorCode::kInternal, "t quantile needs 0 < p < 1, got " + std::to_string(p));
  }
  if (p == 0.5) return 0.0;
  return boost::math::quantile(dist, p);
}

}  // namespace taperlab::insight
