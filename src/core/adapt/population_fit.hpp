#pragma once

// The population's spread as a "fit" that the forecast can sample (docs/model.md section 5): for a
// person without two weeks of check-ins, the band of adaptation remaining and of the expected
// symptom share comes from the prior itself, i.e. the between-person spread of the half-times,
// D50 and s1, centred on the population model.

#include "core/adapt/personal_model.hpp"

namespace taperlab::adapt {

// The prior of `fit_personal_model` as a PersonalFit: mode = the prior centres (s0 = `s0`, the
// person's own calm level when known), covariance = the prior variances (independent), so that
// `forecast` draws virtual people from the log-normal population of docs/model.md section 5 (the
// prior SDs are the 50-60% CVs documented in PersonalPrior: the lower end of the assumed 60-100%
// spread of the half-times). `residual_sd` is the day-to-day noise added to the symptom band.
// observations = 0 and converged = false mark it as no fit. Throws ValidationError for a prior SD
// that is not positive, an s1 centre that is not positive, or s0 outside 0..1.
PersonalFit population_fit(const ModelParameters& population, const PersonalPrior& prior, double s0,
                           double residual_sd);

}  // namespace taperlab::adapt
