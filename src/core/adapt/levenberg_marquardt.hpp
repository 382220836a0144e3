#pragma once

// A small Levenberg-Marquardt solver for few parameters (docs/model.md section 4). Plain vectors at
// the interface: Eigen stays inside the .cpp (the core's private dependency).

#include <cstddef>
#include <functional>
#include <vector>

namespace taperlab::adapt {

// Fills `residuals` (size m) at `x`, and when `jacobian` is not null also the m x n Jacobian
// d residual_i / d x_j, row-major. The objective is half the sum of squared residuals.
using ResidualFunction = std::function<void(
    const std::vector<double>& x, std::vector<double>& residuals, std::vector<double>* jacobian)>;

struct LevenbergMarquardtOptions {
  int max_iterations = 100;  // steps tried, accepted or not
  // Converged when an accepted step lowers the cost by less than cost_tolerance * (1 + cost): the
  // cost is half a chi-square, so 1e-6 of it is far below any change that matters statistically,
  // and a tighter test only chases finite-difference noise around the minimum.
  double cost_tolerance = 1e-6;
  double step_tolerance = 1e-6;       // step norm relative to |x| that counts as converged
  double gradient_tolerance = 1e-10;  // largest |J^T r| that counts as converged
};

struct LevenbergMarquardtResult {
  std::vector<double> x;
  std::vector<double> residuals;
  double cost = 0.0;  // 0.5 * sum r^2 at x
  int iterations = 0;
  bool converged = false;
  // (J^T J)^-1 at x, n x n row-major: the Laplace covariance when the residuals are whitened
  // (divided by their standard deviations) and include the priors. A singular J^T J is inverted
  // on its non-null space only.
  std::vector<double> covariance;
};

// Minimises from x0 with Marquardt's diagonal scaling and Nielsen's damping update (Madsen,
// Nielsen & Tingleff 2004, "Methods for non-linear least squares problems", section 3.2).
LevenbergMarquardtResult levenberg_marquardt(const ResidualFunction& f, std::vector<double> x0,
                                             const LevenbergMarquardtOptions& options = {});

}  // namespace taperlab::adapt
