#include "core/adapt/levenberg_marquardt.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "core/base/error.hpp"

namespace taperlab::adapt {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

struct Evaluation {
  VectorXd r;
  MatrixXd j;
  double cost = 0.0;
};

Evaluation evaluate(const ResidualFunction& f, const VectorXd& x, bool with_jacobian) {
  std::vector<double> xs(x.data(), x.data() + x.size());
  std::vector<double> r;
  std::vector<double> jac;
  f(xs, r, with_jacobian ? &jac : nullptr);
  Evaluation e;
  e.r = Eigen::Map<const VectorXd>(r.data(), static_cast<Eigen::Index>(r.size()));
  if (with_jacobian) {
    if (jac.size() != r.size() * xs.size()) {
      throw Error(ErrorCode::kInternal, "Jacobian size does not match residuals x parameters");
    }
    e.j = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        jac.data(), static_cast<Eigen::Index>(r.size()), x.size());
  }
  e.cost = 0.5 * e.r.squaredNorm();
  return e;
}

MatrixXd inverse_on_range(const MatrixXd& a) {
  Eigen::SelfAdjointEigenSolver<MatrixXd> eig(a);
  const VectorXd& values = eig.eigenvalues();
  const double largest = values.cwiseAbs().maxCoeff();
  VectorXd inv = VectorXd::Zero(values.size());
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    if (values[i] > 1e-12 * largest) inv[i] = 1.0 / values[i];
  }
  return eig.eigenvectors() * inv.asDiagonal() * eig.eigenvectors().transpose();
}

}  // namespace

LevenbergMarquardtResult levenberg_marquardt(const ResidualFunction& f, std::vector<double> x0,
                                             const LevenbergMarquardtOptions& options) {
  VectorXd x = Eigen::Map<const VectorXd>(x0.data(), static_cast<Eigen::Index>(x0.size()));
  Evaluation now = evaluate(f, x, true);
  if (!std::isfinite(now.cost)) throw Error(ErrorCode::kInternal, "cost is not finite at start");
  MatrixXd a = now.j.transpose() * now.j;
  VectorXd g = now.j.transpose() * now.r;
  double lambda = 1e-3;
  double nu = 2.0;
  LevenbergMarquardtResult result;

  while (result.iterations < options.max_iterations) {
    if (g.cwiseAbs().maxCoeff() <= options.gradient_tolerance) {
      result.converged = true;
      break;
    }
    ++result.iterations;
    // Marquardt's scaling: damp each parameter in proportion to its own curvature.
    const VectorXd scale = a.diagonal().cwiseMax(1e-12);
    MatrixXd damped = a;
    damped.diagonal() += lambda * scale;
    const VectorXd step = damped.ldlt().solve(-g);
    const VectorXd x_new = x + step;
    const Evaluation trial = evaluate(f, x_new, false);
    const double predicted = -(g.dot(step) + 0.5 * step.dot(a * step));
    const double actual = now.cost - trial.cost;
    const double rho = predicted > 0 ? actual / predicted : -1.0;
    const bool small_step =
        step.norm() <= options.step_tolerance * (x.norm() + options.step_tolerance);
    if (std::isfinite(trial.cost) && rho > 0) {
      const bool small_decrease = actual <= options.cost_tolerance * (1.0 + now.cost);
      x = x_new;
      now = evaluate(f, x, true);
      a = now.j.transpose() * now.j;
      g = now.j.transpose() * now.r;
      lambda *= std::max(1.0 / 3.0, 1.0 - std::pow(2.0 * rho - 1.0, 3));
      nu = 2.0;
      if (small_decrease || small_step) {
        result.converged = true;
        break;
      }
    } else {
      if (small_step) {
        result.converged = true;  // no smaller step can improve: at the minimum to precision
        break;
      }
      lambda *= nu;
      nu *= 2.0;
    }
  }

  result.x.assign(x.data(), x.data() + x.size());
  result.residuals.assign(now.r.data(), now.r.data() + now.r.size());
  result.cost = now.cost;
  const MatrixXd cov = inverse_on_range(a);
  result.covariance.resize(static_cast<std::size_t>(cov.size()));
  for (Eigen::Index i = 0; i < cov.rows(); ++i) {
    for (Eigen::Index k = 0; k < cov.cols(); ++k) {
      result.covariance[static_cast<std::size_t>(i * cov.cols() + k)] = cov(i, k);
    }
  }
  return result;
}

}  // namespace taperlab::adapt
