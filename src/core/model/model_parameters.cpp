#include "core/model/model_parameters.hpp"

#include <vector>

#include "core/base/error.hpp"

namespace taperlab {

void validate(const ModelParameters& p) {
  std::vector<FieldError> errors;
  auto positive = [&](double v, const char* field) {
    if (!(v > 0) || !std::isfinite(v)) errors.push_back({field, "must be a positive number"});
  };
  positive(p.effect.d50_mg_per_day, "d50_mg_per_day");
  positive(p.effect.hill_n, "hill_n");
  positive(p.effect.reference_dose_mg, "reference_dose_mg");
  if (!(p.effect.occupancy_at_40mg > 0 && p.effect.occupancy_at_40mg < 1)) {
    errors.push_back({"occupancy_at_40mg", "must lie between 0 and 1"});
  }
  positive(p.adaptation.fast_half_time_d, "fast_half_time_d");
  positive(p.adaptation.slow_half_time_d, "slow_half_time_d");
  if (!(p.adaptation.rho >= 0 && p.adaptation.rho < 1)) {
    errors.push_back({"rho", "must lie in [0, 1)"});
  }
  if (!(p.adaptation.w_slow >= 0 && p.adaptation.w_slow <= p.adaptation.rho)) {
    errors.push_back({"w_slow", "must lie in [0, rho]"});
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

}  // namespace taperlab
