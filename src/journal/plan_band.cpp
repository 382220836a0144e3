#include "journal/plan_band.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/adapt/personal_model.hpp"
#include "core/adapt/personal_theta.hpp"
#include "core/base/error.hpp"
#include "core/cohort/run_cohort.hpp"
#include "core/journal/plan_request_json.hpp"
#include "core/model/simulation.hpp"
#include "journal/model_inputs.hpp"
#include "journal/plans.hpp"

namespace taperlab::journal {
namespace {

using cohort::PersonParameter;

// The personal model's fitted parameters as the population names them, with their place in the
// fit's theta (adapt/personal_theta.hpp).
constexpr std::array<std::pair<PersonParameter, std::size_t>, 3> kFitted = {{
    {PersonParameter::kFastRate, adapt::personal::kLogFastHalfTime},
    {PersonParameter::kSlowRate, adapt::personal::kLogSlowHalfTime},
    {PersonParameter::kPotency, adapt::personal::kLogD50},
}};

bool is_fitted(PersonParameter p) {
  return std::any_of(kFitted.begin(), kFitted.end(), [&](const auto& f) { return f.first == p; });
}

// The person's own course: the engine's reduction of one person with every multiplier 1.
class OwnCourse final : public cohort::CohortSink {
 public:
  void add(const cohort::PersonCourse& person) override {
    withdrawal_peak.assign(person.withdrawal_peak.begin(), person.withdrawal_peak.end());
    remaining.assign(person.remaining.begin(), person.remaining.end());
  }
  std::vector<double> withdrawal_peak;
  std::vector<double> remaining;
};

BandSeries band_series(const cohort::CohortSummary& summary, cohort::Series series,
                       std::vector<double> own) {
  BandSeries out;
  out.own = std::move(own);
  for (std::size_t i = 0; i < cohort::kBandPercentiles.size(); ++i) {
    std::vector<double>& values = out.percentiles[i];
    values.resize(static_cast<std::size_t>(summary.days()));
    for (int d = 0; d < summary.days(); ++d) {
      values[static_cast<std::size_t>(d)] =
          summary.band(series, d).quantile(cohort::kBandPercentiles[i]);
    }
  }
  return out;
}

// The fit of the plan in force today, as the status route's forecast makes it.
std::optional<adapt::PersonalFit> personal_fit(const JournalContext& ctx, const Person& person) {
  const auto in_force = plan_in_force(ctx.repo, person.id, ctx.today);
  if (!in_force || ctx.today < in_force->view().start_date) return std::nullopt;
  const PlanRequest request = parse_plan_request(in_force->version().request);
  const EquivalenceTable& table = ctx.catalog.table(request.settings.table_id);
  const PersonTimeline timeline =
      person_timeline(ctx.repo, person, *in_force, ctx.today, ctx.today);
  try {
    return adapt::fit_personal_model(
        ctx.catalog, table, timeline.request, timeline.observations,
        adapt::PersonalFitOptions{request.settings.model, {}, 14, 1.0, 100, 0.01});
  } catch (const ValidationError&) {
    return std::nullopt;  // fewer than 14 days of check-ins: the population's spread
  }
}

}  // namespace

cohort::Population population_like(const cohort::Population& population,
                                   const std::array<double, 25>& posterior_covariance) {
  constexpr std::size_t n = adapt::personal::kThetaSize;
  const auto cov = [&](std::size_t i, std::size_t k) { return posterior_covariance[i * n + k]; };
  cohort::Population like = population;
  for (const auto& [parameter, theta] : kFitted) {
    cohort::ParameterSpread& s = like[parameter];
    s.median_multiplier = 1.0;  // centred on the fit's mode, the person's own parameters
    s.log_sd = std::sqrt(std::max(0.0, cov(theta, theta)));
    s.cv = std::sqrt(std::expm1(s.log_sd * s.log_sd));
    s.evidence = Evidence::kAssumed;
    s.source = "the personal model's posterior (Laplace approximation) from the person's check-ins";
    s.note = "";
  }
  std::erase_if(like.correlations,
                [](const cohort::Correlation& c) { return is_fitted(c.a) || is_fitted(c.b); });
  const std::vector<cohort::Correlation> others = like.correlations;
  for (std::size_t i = 0; i < kFitted.size(); ++i) {
    for (std::size_t k = i + 1; k < kFitted.size(); ++k) {
      const std::size_t a = kFitted[i].second;
      const std::size_t b = kFitted[k].second;
      const double scale = std::sqrt(cov(a, a) * cov(b, b));
      if (!(scale > 0)) continue;
      cohort::Correlation c;
      c.a = kFitted[i].first;
      c.b = kFitted[k].first;
      c.r = std::clamp(cov(a, b) / scale, -1.0, 1.0);
      c.source = "the personal model's posterior";
      like.correlations.push_back(c);
    }
  }
  try {
    cohort::apply_correlations(like);
  } catch (const ValidationError&) {
    like.correlations = others;  // a posterior too close to singular: independent marginals
    cohort::apply_correlations(like);
  }
  return like;
}

PlanBand plan_band(const JournalContext& ctx, const Person& person, const Plan& plan,
                   const cohort::Population& population, const PlanBandOptions& options) {
  if (options.people < 2) throw ValidationError("people", "a band needs at least 2 people");
  const EquivalenceTable& table = ctx.catalog.table(plan.settings.table_id);
  PlanBand out;
  out.days = plan.total_days() + std::max(1, options.tail_days);
  out.people = options.people;
  out.seed = options.seed;

  cohort::CohortRequest request;
  request.plan.steady_state = plan.start_regimen;
  request.plan.doses = plan.schedule().events(out.days);
  request.plan.duration_h = out.days * 24.0;
  request.plan.output_step_h = 1.0;
  request.n = options.people;
  request.first = 0;
  request.count = options.people;
  request.seed = options.seed;

  // Centred on the person: the plan's model, or with the fitted half-times and D50.
  ModelParameters base = plan.settings.model;
  const std::optional<adapt::PersonalFit> fit = personal_fit(ctx, person);
  if (fit) {
    out.fit_observations = fit->observations;
    base = adapt::personal::model_for(plan.settings.model, fit->mode);
    request.population = population_like(population, fit->covariance);
  } else {
    request.population = population;
  }

  cohort::CohortSummary summary(out.days, cohort::kDefaultThresholdW);
  cohort::CohortSink* const sinks[] = {&summary};
  cohort::run_cohort(ctx.catalog, table, base, request, sinks);

  OwnCourse own;
  request.population = cohort::zero_variability_population();
  request.n = request.count = 1;
  cohort::CohortSink* const own_sink[] = {&own};
  cohort::run_cohort(ctx.catalog, table, base, request, own_sink);

  out.withdrawal_peak =
      band_series(summary, cohort::Series::kWithdrawal, std::move(own.withdrawal_peak));
  out.remaining = band_series(summary, cohort::Series::kRemaining, std::move(own.remaining));
  return out;
}

}  // namespace taperlab::journal
