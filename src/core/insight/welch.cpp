#include "core/insight/welch.hpp"

#include <cmath>

#include "core/insight/student_t.hpp"

namespace taperlab::insight {
namespace {

struct Moments {
  double mean = 0.0;
  double variance = 0.0;  // sample variance (n - 1)
};

Moments moments(std::span<const double> values) {
  Moments m;
  for (double v : values) m.mean += v;
  m.mean /= static_cast<double>(values.size());
  for (double v : values) m.variance += (v - m.mean) * (v - m.mean);
  m.variance /= static_cast<double>(values.size()) - 1.0;
  return m;
}

}  // namespace

std::optional<WelchResult> welch_test(std::span<const double> a, std::span<const double> b) {
  if (a.size() < 2 || b.size() < 2) return std::nullopt;
  const Moments ma = moments(a);
  const Moments mb = moments(b);
  const double na = static_cast<double>(a.size());
  const double nb = static_cast<double>(b.size());
  const double va = ma.variance / na;  // squared standard error of each mean
  const double vb = mb.variance / nb;
  const double se2 = va + vb;
  if (!(se2 > 0.0)) return std::nullopt;
  WelchResult r;
  r.n_a = static_cast<int>(a.size());
  r.n_b = static_cast<int>(b.size());
  r.mean_a = ma.mean;
  r.mean_b = mb.mean;
  r.difference = ma.mean - mb.mean;
  r.se = std::sqrt(se2);
  r.df = se2 * se2 / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
  r.t = r.difference / r.se;
  r.p = student_t_two_sided_p(r.t, r.df);
  const double half_width = student_t_quantile(0.975, r.df) * r.se;
  r.ci_low = r.difference - half_width;
  r.ci_high = r.difference + half_width;
  return r;
}

}  // namespace taperlab::insight
