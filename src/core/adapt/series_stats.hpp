#pragma once

// Small summaries of a symptom series, kept here so the decision rules read plainly.

#include <vector>

namespace taperlab::adapt {

double median(std::vector<double> values);       // 0 for an empty list
double mean(const std::vector<double>& values);  // 0 for an empty list

// Ordinary least-squares line y = a + b x. `slope_se` is the slope's standard error (needs 3 or
// more points with distinct x; 0 otherwise, and then `has_se` is false).
struct LineFit {
  double slope = 0.0;
  double slope_se = 0.0;
  bool has_se = false;
};
LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y);

// Student's t one-sided 95% critical value for `dof` degrees of freedom (standard tables; between
// tabulated values the next smaller dof's, which errs towards a larger value). 1.645 beyond 120.
double t_critical_95_one_sided(int dof);

}  // namespace taperlab::adapt
