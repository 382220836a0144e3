#include "core/plan/planner.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/base/error.hpp"
#include "core/drugs/catalog.hpp"
#include "core/model/simulation.hpp"
#include "core/model/simulation_summary.hpp"
#include "core/plan/safety_rules.hpp"
#include "core/plan/strategies.hpp"

namespace taperlab {
namespace {

constexpr double kEps = 1e-9;
// How long after the last step the simulation runs to see the final stop's peak.
constexpr int kTailDays = 60;
constexpr int kAbruptPeakDays = 120;  // AbruptStop::peak_withdrawal's span
// A plan longer than this is a sign of a runaway loop, not a real taper.
constexpr int kMaxSteps = 400;
constexpr int kCrossoverHoldDays = 7;  // NHS Scotland / ASAM: review 5-7 days after each switch
constexpr int kWeek = 7;  // steps are held longer in whole weeks, so supply dates line up
// Crossover as the Ashton Manual does it (schedules 1, 3 and 5; data/SOURCES.md). Published
// practice; the numbers that sum it up are derived from those schedules:
// - each stage moves at most a quarter of the daily diazepam-equivalent, and at most 10 mg of it
//   (schedule 1 moves alprazolam 0.5 mg = diazepam 10 mg of 120 mg a stage; 5 moves 5 of 30);
constexpr double kCrossoverMostPerStageDz = 10.0;
constexpr double kCrossoverMostShareOfDaily = 0.25;
// - up to 30 mg/day the whole equivalent is switched (schedule 5: clonazepam 1.5 mg/day becomes
//   diazepam 30 mg); above, diazepam rises to half the starting equivalent, at least 30 mg and at
//   most kCrossoverMostDailyMg (safety_rules.hpp; schedule 3 stops at 30 of 60, schedule 1 at 50
//   of 120), and the old drug is cut while it is switched.
constexpr double kCrossoverWholeUpToDz = 30.0;
constexpr double kCrossoverTabletTolerance = 0.125;  // assumed
constexpr double kCrossoverRoundingShare = 0.02;     // assumed

enum class Strategy { kFraction, kHyperbolic, kBands, kGuided };

Strategy parse_strategy(const std::string& s, const std::string& field) {
  if (s == "fraction") return Strategy::kFraction;
  if (s == "hyperbolic") return Strategy::kHyperbolic;
  if (s == "bands") return Strategy::kBands;
  if (s == "guided") return Strategy::kGuided;
  throw ValidationError(
      field, "unknown strategy '" + s + "' (fraction, hyperbolic, bands, guided or crossover)");
}

// Tablets are easier than measuring a liquid: a dose is made of solids when they come within 2%
// of the wanted amount (assumed tolerance, well inside a 10% cut); otherwise solids make the bulk
// and a liquid, if the person has one, the remainder.
constexpr double kSolidTolerance = 0.02;

// One drug's products, split once per plan, with what each group can make worked out once: a plan
// makes hundreds of doses, and copying the products out of the request for each was a tenth of a
// preview's work, finding their tables again another twentieth. Built in place and never moved:
// the makers refer to the sets' options.
//
// A plan uses at most one liquid strength of a drug (two bottles of one drug at different strengths
// invite a mix-up) and at most two products in one dose, unless the current dose needs more.
constexpr int kMostProductsPerDose = 2;
// A liquid dose up to this volume is easy to measure with an oral syringe (assumed).
constexpr double kEasyLiquidMl = 10.0;

struct DrugProducts {
  DrugProducts(const std::string& drug, const FormulationSet& formulations, double largest_dose_mg);
  DrugProducts(const DrugProducts&) = delete;
  DrugProducts& operator=(const DrugProducts&) = delete;

  FormulationSet all;                     // the solids and the plan's liquid, request order
  FormulationSet solids;                  // the same order (ties break the same)
  FormulationSet liquid;                  // the plan's one liquid, if any
  std::optional<DoseMaker> from_all;      // at most kMostProductsPerDose products a dose
  std::optional<DoseMaker> from_all_any;  // any number: only when the limit makes nothing
  std::optional<DoseMaker> from_solids;
  std::optional<DoseMaker> from_liquid;
  double smallest_amount_mg = 0.0;  // the finest piece or measure of the products used
  // Every single-dose amount from_all makes up to the largest dose (ascending): the rounding of
  // every cut looks here instead of listing them again.
  std::vector<double> amounts;
  double amounts_up_to_mg = 0.0;
  // The amounts up to `max_mg`, from the list when it reaches that far.
  [[nodiscard]] std::vector<double> amounts_up_to(double max_mg) const {
    if (max_mg > amounts_up_to_mg + 1e-9) return from_all->achievable(max_mg);
    return {amounts.begin(), std::upper_bound(amounts.begin(), amounts.end(), max_mg + 1e-9)};
  }
  // The smallest amount at or above `want` and at most `max_mg`, if any.
  [[nodiscard]] std::optional<double> first_at_least(double want, double max_mg) const {
    if (max_mg > amounts_up_to_mg + 1e-9) {
      for (double a : from_all->achievable(max_mg)) {
        if (a >= want - 1e-9) return a;
      }
      return std::nullopt;
    }
    auto it = std::lower_bound(amounts.begin(), amounts.end(), want - 1e-9);
    if (it == amounts.end() || *it > max_mg + 1e-9) return std::nullopt;
    return *it;
  }
};

DrugProducts::DrugProducts(const std::string& drug, const FormulationSet& formulations,
                           double largest_dose_mg) {
  std::vector<const DispensingOption*> liquids;
  for (const auto& o : formulations.options) {
    if (o.drug_id != drug) continue;
    if (o.is_liquid()) {
      liquids.push_back(&o);
    } else {
      solids.options.push_back(o);
    }
  }
  // The one liquid: with tablets for the bulk, the weakest (the finest measure); alone, the
  // weakest that gives the largest dose in an easy volume, else the strongest.
  std::stable_sort(liquids.begin(), liquids.end(), [](const auto* a, const auto* b) {
    return a->strength_mg_per_ml < b->strength_mg_per_ml;
  });
  const DispensingOption* chosen = nullptr;
  for (const auto* o : liquids) {
    chosen = o;
    if (!solids.options.empty() || largest_dose_mg / o->strength_mg_per_ml <= kEasyLiquidMl) {
      break;
    }
  }
  for (const auto& o : formulations.options) {
    if (o.drug_id == drug && (!o.is_liquid() || &o == chosen)) all.options.push_back(o);
  }
  if (chosen) liquid.options.push_back(*chosen);
  from_all.emplace(drug, all, MakeupRules{4, kMostProductsPerDose});
  from_all_any.emplace(drug, all);
  from_solids.emplace(drug, solids, MakeupRules{4, kMostProductsPerDose});
  if (chosen) from_liquid.emplace(drug, liquid);
  smallest_amount_mg = all.smallest_amount_mg(drug);
  amounts_up_to_mg = largest_dose_mg;
  amounts = from_all->achievable(largest_dose_mg);
}

// g++ 12 reports std::optional<DoseMakeup> as maybe-uninitialized here (a known false positive
// of its optional analysis); every access is guarded by has_value().
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
std::optional<DoseMakeup> make_planned_dose(double target_mg, double max_mg,
                                            const DrugProducts& products, double min_mg = 0.0) {
  if (target_mg <= kEps) return DoseMakeup{0.0, {}};
  const DoseMaker& solids = *products.from_solids;
  std::optional<DoseMakeup> solid = solids.make(target_mg, max_mg);
  const double tolerance = kSolidTolerance * std::max(target_mg, max_mg);
  auto too_low = [&](const std::optional<DoseMakeup>& m) {
    return m && m->dose_mg < min_mg - kEps;
  };
  if (too_low(solid)) solid.reset();
  const double solid_mg = solid.has_value() ? solid->dose_mg : -1.0;
  if (solid_mg >= 0 && std::abs(solid_mg - target_mg) <= tolerance) return solid;
  if (!products.from_liquid) return solid;
  // Largest solid amount not above the target, then the liquid for the rest.
  std::optional<DoseMakeup> base = solids.make(target_mg, std::min(target_mg, max_mg));
  DoseMakeup combined = base ? *base : DoseMakeup{0.0, {}};
  const double rest = target_mg - combined.dose_mg;
  if (rest > kEps) {
    if (auto liquid = products.from_liquid->make(rest, max_mg - combined.dose_mg)) {
      combined.dose_mg += liquid->dose_mg;
      for (auto& part : liquid->parts) combined.parts.push_back(part);
    }
  }
  if (combined.parts.size() > static_cast<std::size_t>(kMostProductsPerDose)) {
    combined = DoseMakeup{0.0, {}};  // two tablets and a liquid: the mix below does better
  }
  // Any mix of the products (the nearest amount of all), when the two above miss.
  std::optional<DoseMakeup> any = products.from_all->make(target_mg, max_mg);
  std::optional<DoseMakeup> best = solid;
  auto nearer = [&](const std::optional<DoseMakeup>& m) {
    return m && m->dose_mg > kEps && !too_low(m) &&
           (!best || std::abs(m->dose_mg - target_mg) < std::abs(best->dose_mg - target_mg) - kEps);
  };
  if (nearer(combined)) best = combined;
  if (nearer(any)) best = any;
  if (!best) {
    // Two products cannot make it: more may (the current dose can be made of three).
    std::optional<DoseMakeup> more = products.from_all_any->make(target_mg, max_mg);
    if (more && more->dose_mg > kEps && !too_low(more)) best = more;
  }
  return best;
}
#pragma GCC diagnostic pop

// Peak W over the output rows from day `from_day` to day `to_day`, both included.
double peak_withdrawal_between(const SimulationTrace& t, int from_day, int to_day) {
  double peak = 0;
  const auto last = std::min(t.rows(), static_cast<std::size_t>(to_day) * 24 + 1);
  for (std::size_t r = static_cast<std::size_t>(from_day) * 24; r < last; ++r) {
    peak = std::max(peak, t.withdrawal[r]);
  }
  return peak;
}

// The planner's working state: steps so far, simulated on demand.
class PlanBuilder {
 public:
  PlanBuilder(const PlanRequest& request, const Catalog& catalog, PlanSimulations* simulations)
      : request_(request),
        simulations_(simulations),
        catalog_(catalog),
        table_(catalog.table(request.settings.table_id, "table")),
        simulator_(catalog, table_, request.settings.model) {
    plan_.start_regimen = request.regimen;
    plan_.profile = request.profile;
    plan_.settings = request.settings;
    plan_.formulations = request.formulations;
    plan_.start_diazepam_equivalent_mg = diazepam_equivalent_mg(request.regimen, table_);
  }

  Plan build();

 private:
  // Daily dz-eq in force on `day` (the starting regimen before day 0).
  double dz_eq_on(int day) const {
    double dose = plan_.start_diazepam_equivalent_mg;
    for (const auto& s : plan_.steps) {
      if (s.start_day > day) break;
      dose = s.diazepam_equivalent_mg;
    }
    return dose;
  }
  double dz_eq(const std::string& drug, double mg) const {
    return table_.reference_equivalent_mg(drug, mg);
  }
  double max_cut() const {
    return request_.settings.clinician_override_reason ? request_.settings.max_cut_fraction_override
                                                       : kMaxCutFraction;
  }

  void add_step(StepKind kind, int duration, std::vector<PlannedDrug> drugs, double target_dz,
                std::string note);
  void crossover_phase();
  void taper_phase(Strategy strategy);
  // The single drug being tapered and its doses now.
  PlannedDrug current_drug() const;
  // A dose of the current regimen made of the listed products (they must be able to make it).
  DoseMakeup current_makeup(const std::string& drug, const ScheduledDose& dose) const {
    auto exact = [&](const std::optional<DoseMakeup>& m) {
      return m && std::abs(m->dose_mg - dose.dose_mg) <= 1e-6;
    };
    const DrugProducts& products = products_of(drug);
    auto makeup = make_planned_dose(dose.dose_mg, dose.dose_mg, products);
    if (!exact(makeup)) makeup = products.from_all_any->make(dose.dose_mg, dose.dose_mg);
    if (!exact(makeup)) {
      throw ProductsCannotMake(drug, dose.dose_mg,
                               "the current dose of " + format_mg(dose.dose_mg) + " mg " + drug +
                                   " at " + dose.time.to_string() +
                                   " cannot be made from the products listed; list the product "
                                   "you take now");
    }
    return *makeup;
  }
  // Doses reaching a daily total near `target_mg`, each no higher than now, cut in the chosen
  // order; nullopt when rounding cannot go below the current dose.
  std::optional<PlannedDrug> distribute(const PlannedDrug& now, double target_mg,
                                        bool round_up = false) const;
  // The feasible regimen whose daily total is nearest `target_mg` while strictly below the
  // current dose and not below `floor_mg`. Searches downward through makeable totals.
  std::optional<PlannedDrug> next_regimen(const PlannedDrug& now, double target_mg,
                                          double floor_mg) const;
  // The plan `steps` simulated from the steady state of the current regimen up to `to_day`. The
  // trace is the builder's own and is overwritten by the next call: a plan is simulated again for
  // every trial stop (and every guided cut), and reusing the trace's memory spares allocating and
  // clearing a few hundred kilobytes each time.
  const SimulationTrace& simulate_steps(const std::vector<TaperStep>& steps, int to_day);
  double simulate_peak_w(const std::vector<TaperStep>& steps, int from_day, int to_day) {
    return peak_withdrawal_between(simulate_steps(steps, to_day), from_day, to_day);
  }
  int step_interval(Strategy strategy) const;
  void finish_simulation();
  [[noreturn]] void cannot_make(const std::string& drug, double needed_mg) const;
  const DrugProducts& products_of(const std::string& drug) const {
    auto it = products_.find(drug);
    if (it == products_.end()) {
      // The largest single dose the plan makes of it: the current one, or a crossover's cap.
      double largest = kCrossoverMostDoseMg / dz_eq(drug, 1.0);
      for (const auto& d : request_.regimen.drugs) {
        if (d.drug_id != drug) continue;
        for (const auto& dose : d.doses) largest = std::max(largest, dose.dose_mg);
      }
      it = products_
               .emplace(std::piecewise_construct, std::forward_as_tuple(drug),
                        std::forward_as_tuple(drug, request_.formulations, largest))
               .first;
    }
    return it->second;
  }
  // The smallest dose of the drug worth keeping (kSmallestDoseDiazepamEquivalentMg), in mg.
  double smallest_dose_mg(const std::string& drug) const {
    return kSmallestDoseDiazepamEquivalentMg / dz_eq(drug, 1.0);
  }

  const PlanRequest& request_;
  mutable std::map<std::string, DrugProducts> products_;  // products_of's split, by drug
  PlanSimulations* simulations_;  // where the last simulations go, if asked for
  const Catalog& catalog_;
  const EquivalenceTable& table_;
  Simulator simulator_;
  SimulationTrace trace_;  // simulate_steps' answer
  // What trace_ simulates (the steady state is always the request's regimen).
  std::vector<DoseEvent> trace_doses_;
  double trace_duration_h_ = -1.0;
  Plan plan_;
  int day_ = 0;
  double ceiling_ = 0.0;       // guided
  Pace pace_ = Pace::kMedium;  // bands
};

void PlanBuilder::add_step(StepKind kind, int duration, std::vector<PlannedDrug> drugs,
                           double target_dz, std::string note) {
  TaperStep s;
  s.index = static_cast<int>(plan_.steps.size()) + 1;
  s.start_day = day_;
  s.duration_days = duration;
  s.kind = kind;
  std::erase_if(drugs, [](const PlannedDrug& d) { return d.doses.empty(); });
  s.drugs = std::move(drugs);
  const double previous = dz_eq_on(day_ - 1);
  s.diazepam_equivalent_mg = diazepam_equivalent_mg(s.regimen(), table_);
  s.target_diazepam_equivalent_mg = target_dz;
  s.cut_fraction = previous > 0 ? (previous - s.diazepam_equivalent_mg) / previous : 0.0;
  s.note = std::move(note);
  plan_.steps.push_back(std::move(s));
  day_ += duration;
  if (plan_.steps.size() > kMaxSteps) {
    throw Error(ErrorCode::kInternal, "the plan needs more than 400 steps");
  }
}

PlannedDrug PlanBuilder::current_drug() const {
  if (plan_.steps.empty()) {
    const DrugRegimen& r = request_.regimen.drugs.front();
    PlannedDrug d{r.drug_id, {}};
    for (const auto& dose : r.doses) {
      d.doses.push_back({dose.time, current_makeup(r.drug_id, dose)});
    }
    return d;
  }
  return plan_.steps.back().drugs.empty() ? PlannedDrug{} : plan_.steps.back().drugs.front();
}

std::optional<PlannedDrug> PlanBuilder::distribute(const PlannedDrug& now, double target_mg,
                                                   bool round_up) const {
  PlannedDrug next = now;
  double remaining = now.daily_mg() - target_mg;
  // Cut order: earliest dose first so the evening (often the sleep) dose is cut last, unless the
  // person chose otherwise.
  std::vector<std::size_t> order(next.doses.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return request_.settings.cut_evening_last ? next.doses[a].time < next.doses[b].time
                                              : next.doses[b].time < next.doses[a].time;
  });
  double carry = 0.0;  // mg of a dose too small to keep, moved to the last dose cut
  for (std::size_t i : order) {
    if (remaining <= kEps) break;
    PlannedDose& dose = next.doses[i];
    const double was = dose.dose_mg();
    double want = std::max(0.0, was - remaining);
    // A dose too small to matter is not kept: it goes whole when the cut allows, else stays at
    // the smallest dose worth taking.
    const double least = smallest_dose_mg(now.drug_id);
    if (want > kEps && want < least - kEps) {
      if (was <= remaining + kEps) {
        want = 0.0;
      } else if (carry <= kEps && i != order.back()) {
        // What is left of it joins the last dose cut (doses merge rather than shrink to nothing).
        carry = want;
        remaining -= was - carry;
        dose.makeup = DoseMakeup{0.0, {}};
        continue;
      } else {
        want = least;
      }
    }
    if (want >= was - kEps) continue;
    double at_least = 0.0;
    if (round_up && want > kEps) {
      // The smallest makeable amount not below the wish (a slightly smaller cut).
      if (auto amount = products_of(now.drug_id).first_at_least(want, was)) want = *amount;
      at_least = want;
    }
    if (want > kEps) at_least = std::max(at_least, least);
    auto makeup = make_planned_dose(want, was, products_of(now.drug_id), at_least);
    if (!makeup) continue;
    if (makeup->dose_mg > was + kEps) continue;
    remaining -= was - makeup->dose_mg;
    dose.makeup = *makeup;
  }
  if (carry > kEps) {
    PlannedDose& last = next.doses[order.back()];
    if (last.dose_mg() <= kEps) return std::nullopt;
    const double merged = last.dose_mg() + carry;
    // The nearest amount the products make, a measure above if need be (a slightly smaller cut).
    const DrugProducts& products = products_of(now.drug_id);
    auto makeup = make_planned_dose(merged, merged + products.smallest_amount_mg, products);
    if (!makeup || makeup->dose_mg <= last.dose_mg() + kEps) return std::nullopt;
    last.makeup = *makeup;
  }
  std::erase_if(next.doses, [](const PlannedDose& d) { return d.dose_mg() <= kEps; });
  if (next.daily_mg() >= now.daily_mg() - kEps) return std::nullopt;
  return next;
}

std::optional<PlannedDrug> PlanBuilder::next_regimen(const PlannedDrug& now, double target_mg,
                                                     double floor_mg) const {
  const double current = now.daily_mg();
  const double step = products_of(now.drug_id).smallest_amount_mg;
  // Candidates: the target, then ever larger cuts by the smallest measurable amount, each
  // rounded to the nearest makeable doses and, failing that, upwards (a slightly smaller cut).
  // The one nearest the target within [floor, current) wins.
  std::optional<PlannedDrug> best;
  auto consider = [&](std::optional<PlannedDrug> candidate) {
    if (!candidate) return;
    const double total = candidate->daily_mg();
    if (total < floor_mg - kEps || total >= current - kEps) return;
    if (!best || std::abs(total - target_mg) < std::abs(best->daily_mg() - target_mg) - kEps) {
      best = std::move(candidate);
    }
  };
  double want = std::max(floor_mg, std::min(target_mg, current - step));
  for (int attempt = 0; attempt < 200 && want >= floor_mg - step - kEps; ++attempt) {
    consider(distribute(now, std::max(want, 0.0)));
    consider(distribute(now, std::max(want, 0.0), true));
    if (best) return best;
    want -= step;
  }
  // When cutting in the usual order misses (doses already at the smallest worth keeping, coarse
  // units), any one dose cut to any amount the products make, or stopped, may still fit.
  const DrugProducts& products = products_of(now.drug_id);
  const double least = smallest_dose_mg(now.drug_id);
  for (std::size_t i = 0; i < now.doses.size(); ++i) {
    const double was = now.doses[i].dose_mg();
    std::vector<double> amounts = products.amounts_up_to(was - 1e-6);
    amounts.push_back(0.0);
    for (double amount : amounts) {
      if (amount > kEps && amount < least - kEps) continue;
      const double total = current - was + amount;
      if (total < floor_mg - kEps || total >= current - kEps) continue;
      PlannedDrug candidate = now;
      if (amount <= kEps) {
        candidate.doses.erase(candidate.doses.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        auto makeup = make_planned_dose(amount, amount, products);
        if (!makeup || std::abs(makeup->dose_mg - amount) > 1e-6) continue;
        candidate.doses[i].makeup = *makeup;
      }
      if (candidate.doses.empty()) continue;
      consider(std::move(candidate));
    }
  }
  return best;
}

void PlanBuilder::cannot_make(const std::string& drug, double needed_mg) const {
  throw ProductsCannotMake(drug, needed_mg,
                           "the products listed cannot make the next safe step of " + drug +
                               " (about " + format_mg(needed_mg) +
                               " mg a day without cutting more than 25% in 14 days)");
}

const SimulationTrace& PlanBuilder::simulate_steps(const std::vector<TaperStep>& steps,
                                                   int to_day) {
  DoseSchedule schedule;
  for (const auto& s : steps) schedule.steps.push_back({s.start_day, s.regimen()});
  SimulationRequest req;
  req.steady_state = request_.regimen;
  req.doses = schedule.events(to_day);
  req.duration_h = to_day * 24.0;
  // The trial stop that is accepted is the finished plan: the simulation is not run twice.
  if (req.duration_h == trace_duration_h_ && req.doses == trace_doses_) return trace_;
  // A trial differs from the one before only from its last weeks on: the simulation resumes
  // from the day before the first dose that differs.
  const double same_until_h =
      trace_duration_h_ >= 0 ? first_difference_h(req.doses, trace_doses_) : 0.0;
  trace_duration_h_ = -1.0;  // a run that throws leaves no answer behind
  simulator_.run(req, trace_, same_until_h);
  trace_doses_ = std::move(req.doses);
  trace_duration_h_ = req.duration_h;
  return trace_;
}

int PlanBuilder::step_interval(Strategy strategy) const {
  if (strategy == Strategy::kBands) return bands_interval_days(pace_);
  return request_.settings.every_days;
}

void PlanBuilder::crossover_phase() {
  const std::string to = catalog_.drug(request_.settings.crossover_to, "to").id;
  if (!request_.formulations.has_drug(to)) {
    throw ProductsCannotMake(to, 0.0, "no product of " + to + " is listed for the crossover");
  }
  const double start_dz = plan_.start_diazepam_equivalent_mg;
  const double ceiling_dz =
      start_dz <= kCrossoverWholeUpToDz
          ? start_dz
          : std::min(kCrossoverMostDailyMg, std::max(kCrossoverWholeUpToDz, start_dz / 2));
  const double per_stage_dz =
      std::min(kCrossoverMostPerStageDz, kCrossoverMostShareOfDaily * start_dz);
  const double most_per_dose_mg =
      (request_.settings.clinician_override_reason ? kCrossoverMostDoseOverrideMg
                                                   : kCrossoverMostDoseMg) /
      dz_eq(to, 1.0);
  const DrugProducts& to_products = products_of(to);

  std::vector<PlannedDrug> drugs;
  for (const auto& d : request_.regimen.drugs) {
    PlannedDrug pd{d.drug_id, {}};
    for (const auto& dose : d.doses) {
      pd.doses.push_back({dose.time, current_makeup(d.drug_id, dose)});
    }
    drugs.push_back(pd);
  }
  auto find_or_add = [&](const std::string& id) -> PlannedDrug& {
    for (auto& d : drugs) {
      if (d.drug_id == id) return d;
    }
    drugs.push_back({id, {}});
    return drugs.back();
  };
  auto total_dz = [&] {
    double total = 0;
    for (const auto& d : drugs) total += dz_eq(d.drug_id, d.daily_mg());
    return total;
  };
  auto dose_at = [](PlannedDrug& d, TimeOfDay time) -> PlannedDose* {
    for (auto& dose : d.doses) {
      if (dose.time == time) return &dose;
    }
    return nullptr;
  };
  // The order the doses are switched in: the night dose first (Ashton, NHS Scotland), then from
  // the morning on.
  struct Slot {
    std::string drug;
    TimeOfDay time;
  };
  std::vector<Slot> slots;
  for (const auto& d : request_.regimen.drugs) {
    if (d.drug_id == to) continue;
    for (const auto& dose : d.doses) slots.push_back({d.drug_id, dose.time});
  }
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
    return a.time < b.time || (a.time == b.time && a.drug < b.drug);
  });
  if (!slots.empty()) std::rotate(slots.begin(), slots.end() - 1, slots.end());

  // Adds `amount` mg of `to` at `time`, spilling what a dose may not hold into the other times
  // (earliest first; a morning dose is added when there is none). Returns what was added.
  auto add_to = [&](TimeOfDay time, double amount) {
    PlannedDrug& target = find_or_add(to);
    std::vector<TimeOfDay> times{time};
    for (const Slot& s : slots) {
      if (std::find(times.begin(), times.end(), s.time) == times.end()) times.push_back(s.time);
    }
    std::sort(times.begin() + 1, times.end());
    const TimeOfDay morning{8 * 60};
    if (std::find(times.begin(), times.end(), morning) == times.end()) times.push_back(morning);
    double added = 0;
    for (TimeOfDay t : times) {
      // What rounding left over is no dose of its own (too small to matter).
      if (amount - added < smallest_dose_mg(to) - kEps) break;
      PlannedDose* dose = dose_at(target, t);
      const double now = dose ? dose->dose_mg() : 0.0;
      const double room = most_per_dose_mg - now;
      if (room <= kEps) continue;
      const double want = now + std::min(room, amount - added);
      // Tablets, as Ashton's schedules use, when they come within an eighth of the amount
      // switched (a little less is a slightly larger cut); else the nearest the products make.
      std::optional<DoseMakeup> makeup =
          to_products.from_solids->make(want, std::min(most_per_dose_mg, want));
      const double part = want - now;
      if (!makeup || std::abs(makeup->dose_mg - want) > kCrossoverTabletTolerance * part) {
        makeup = make_planned_dose(want, std::min(most_per_dose_mg, want), to_products);
      }
      if (!makeup || makeup->dose_mg <= now + kEps) continue;
      if (makeup->dose_mg < smallest_dose_mg(to) - kEps) continue;  // no dose too small to matter
      added += makeup->dose_mg - now;
      if (dose) {
        dose->makeup = *makeup;
      } else {
        target.doses.push_back({t, *makeup});
        std::sort(target.doses.begin(), target.doses.end(),
                  [](const PlannedDose& a, const PlannedDose& b) { return a.time < b.time; });
      }
    }
    return added;
  };

  for (const Slot& slot : slots) {
    while (true) {
      PlannedDrug& from = find_or_add(slot.drug);
      PlannedDose* old = dose_at(from, slot.time);
      if (old == nullptr) break;
      const double was_mg = old->dose_mg();
      const double was_total_dz = total_dz();
      // Part of the dose at a time: what is left of it after this stage, in real units (a rest
      // too small to matter goes too).
      const double stage_mg = per_stage_dz / dz_eq(slot.drug, 1.0);
      double left_mg = 0.0;
      if (was_mg - stage_mg > smallest_dose_mg(slot.drug) - kEps) {
        // (A bound a micro-gram below the dose: the makers round their bound to the nanogram.)
        const double below_mg = was_mg - 1e-6;
        auto rest = make_planned_dose(was_mg - stage_mg, below_mg, products_of(slot.drug),
                                      was_mg - stage_mg - kEps);
        if (!rest) rest = make_planned_dose(was_mg - stage_mg, below_mg, products_of(slot.drug));
        if (rest && rest->dose_mg >= smallest_dose_mg(slot.drug) - kEps &&
            rest->dose_mg < was_mg - 1e-6) {
          left_mg = rest->dose_mg;
          old->makeup = *rest;
        }
      }
      const double moved_dz = dz_eq(slot.drug, was_mg - left_mg);
      if (left_mg <= kEps) {
        std::erase_if(from.doses, [&](const PlannedDose& d) { return d.time == slot.time; });
      }
      // Diazepam replaces it up to the ceiling; beyond the ceiling the stage is a cut.
      const double to_dz_now = dz_eq(to, find_or_add(to).daily_mg());
      // ... but never a cut faster than the rate cap: when only whole doses can move, more of it
      // is replaced (up to the daily maximum).
      const double lowest_total_dz = dz_eq_on(day_ - kRateWindowDays) * (1 - max_cut());
      const double needed_dz = std::max(0.0, lowest_total_dz - (was_total_dz - moved_dz));
      const double replace_dz =
          std::clamp(std::max(std::min(moved_dz, ceiling_dz - to_dz_now), needed_dz), 0.0,
                     std::min(moved_dz, std::max(0.0, kCrossoverMostDailyMg - to_dz_now)));
      double added_mg = 0;
      if (replace_dz > kEps) added_mg = add_to(slot.time, replace_dz / dz_eq(to, 1.0));
      if (added_mg <= kEps && replace_dz >= kSmallestDoseDiazepamEquivalentMg && left_mg > kEps) {
        cannot_make(to, replace_dz / dz_eq(to, 1.0));
      }
      // Rounding to real units may take a little off: a switch still, within 2% (assumed).
      const bool cut = total_dz() < was_total_dz * (1 - kCrossoverRoundingShare);
      std::string note = "switch " + (left_mg > kEps ? std::string("part of ") : std::string()) +
                         "the " + slot.time.to_string() + " " + slot.drug +
                         " dose: " + format_mg(was_mg - left_mg) + " mg " + slot.drug;
      note += added_mg > kEps ? " becomes " + format_mg(added_mg) + " mg " + to : " is stopped";
      if (cut && added_mg > kEps)
        note += " (a smaller equivalent: the total is cut while switching)";
      note += cut ? "" : "; review after 5-7 days";
      std::vector<PlannedDrug> now = drugs;
      if (cut) {
        // A cut while switching obeys the rate cap like any other: the stage before is held longer
        // (in whole weeks) until the 14-day window allows it.
        for (int wait = 0; wait < 8 && !plan_.steps.empty() &&
                           total_dz() < dz_eq_on(day_ - kRateWindowDays) * (1 - max_cut()) - 1e-9;
             ++wait) {
          plan_.steps.back().duration_days += kWeek;
          day_ += kWeek;
        }
        // Whole doses too large to move within the cap: finer products of the old drug are needed.
        const double lowest_dz = dz_eq_on(day_ - kRateWindowDays) * (1 - max_cut());
        if (total_dz() < lowest_dz - 1e-9) {
          cannot_make(slot.drug, (lowest_dz - (total_dz() - dz_eq(slot.drug, left_mg))) /
                                     dz_eq(slot.drug, 1.0));
        }
      }
      // A cut while switching is held at least 2 weeks (Ashton's schedules 1 and 3), so that two
      // of them never fall within one 14-day window of the rate cap.
      add_step(cut ? StepKind::kCut : StepKind::kCrossover,
               cut ? std::max(request_.settings.every_days, kRateWindowDays) : kCrossoverHoldDays,
               now, total_dz(), note);
      if (left_mg <= kEps) break;
    }
  }
  std::erase_if(drugs, [](const PlannedDrug& d) { return d.doses.empty(); });
  // The switched drug's doses become one drug to taper: taper_phase starts from the last step.
}

void PlanBuilder::taper_phase(Strategy strategy) {
  PlannedDrug now = current_drug();
  const std::string drug = now.drug_id;
  if (!request_.formulations.has_drug(drug)) {
    throw ProductsCannotMake(drug, now.daily_mg(), "no product of " + drug + " is listed");
  }
  const double start_mg = now.daily_mg();  // of this drug, at the start of the taper phase
  const DrugProducts& products = products_of(drug);
  // The plan stops from 1 mg diazepam-equivalent, or from the smallest dose the products make
  // when that is more (and then says so).
  const std::vector<double> makeable = products.amounts_up_to(start_mg);
  const double smallest_dose = makeable.empty() ? start_mg : makeable.front();
  const double stop_from_dz = std::max(kFinalStopFromMg, dz_eq(drug, smallest_dose));
  const double goal_mg = request_.settings.goal_mg.value_or(0.0);
  const int interval = step_interval(strategy);
  const EffectParameters& effect = request_.settings.model.effect;
  const double mg_per_dz = start_mg / dz_eq(drug, start_mg);

  int hyper_steps = 0;
  if (strategy == Strategy::kHyperbolic) {
    hyper_steps = request_.settings.steps.value_or(hyperbolic_steps_for_first_cut(
        dz_eq(drug, start_mg), request_.settings.cut_fraction, effect));
  }

  for (int k = 1;; ++k) {
    const double current = now.daily_mg();
    if (request_.settings.goal_mg && current <= goal_mg + kEps) {
      add_step(StepKind::kMaintenance, 0, {now}, dz_eq(drug, current),
               "goal reached: hold this dose and review it with your prescriber");
      return;
    }
    // Stop now? From 1 mg diazepam-equivalent or less (or the smallest dose that can be made),
    // never as the first step.
    if (!request_.settings.goal_mg && !plan_.steps.empty() &&
        dz_eq(drug, current) <= stop_from_dz + kEps) {
      std::string note = "stop: no more doses";
      if (stop_from_dz > kFinalStopFromMg + kEps) {
        note += "; the products used make no smaller dose than " + format_mg(smallest_dose) +
                " mg " + drug + " (" + format_mg(dz_eq(drug, smallest_dose)) +
                " mg diazepam-equivalent), so the stop comes from there rather than from 1 mg "
                "diazepam-equivalent (Ashton, NHS Scotland)";
      }
      add_step(StepKind::kFinalStop, 0, {}, 0.0, note);
      return;
    }
    // The strategy's wish, in mg of this drug.
    double target = current;
    switch (strategy) {
      case Strategy::kFraction:
        target = fraction_target(current, request_.settings.cut_fraction);
        break;
      case Strategy::kHyperbolic:
        target = mg_per_dz * hyperbolic_target(dz_eq(drug, start_mg), std::min(k, hyper_steps),
                                               hyper_steps, effect);
        break;
      case Strategy::kBands:
        target = current - mg_per_dz * bands_cut_mg(dz_eq(drug, current), pace_);
        break;
      case Strategy::kGuided:
        target = 0.0;  // as far as the cap allows; narrowed by simulation below
        break;
    }
    target = std::max(target, goal_mg);
    // The rate cap always wins: not below 75% of the dose 14 days before this step.
    const double smallest = products.smallest_amount_mg;
    const double wished = target;
    double floor_mg = 0.0;
    std::optional<PlannedDrug> next;
    // When the cap does not yet allow the next makeable cut (cuts close together, or coarse
    // units), the step before is held a little longer: never a faster cut.
    for (int wait = 0; wait <= kRateWindowDays / kWeek; ++wait) {
      if (wait > 0 && !plan_.steps.empty()) {
        plan_.steps.back().duration_days += kWeek;
        day_ += kWeek;
      }
      // The rate cap always wins: not below 75% of the dose 14 days before this step.
      // A goal the products cannot make exactly is reached one measure below it.
      const double goal_floor = request_.settings.goal_mg ? std::max(0.0, goal_mg - smallest) : 0.0;
      floor_mg =
          std::max(goal_floor, mg_per_dz * dz_eq_on(day_ - kRateWindowDays) * (1 - max_cut()));
      target = std::max(wished, floor_mg);
      // End phase: a cut smaller than the smallest measurable amount becomes that amount.
      if (current - target < smallest) target = std::max(floor_mg, current - smallest);
      next = next_regimen(now, target, floor_mg);
      if (next || plan_.steps.empty()) break;
    }
    if (!next) cannot_make(drug, std::max(floor_mg, target));

    if (strategy == Strategy::kGuided) {
      // The largest feasible cut whose simulated peak W over the step stays under the ceiling:
      // `next` is the deepest cut the cap allows; bisect towards the shallowest cut if needed
      // (deeper cuts cause more pressure).
      auto peak_with = [&](const PlannedDrug& candidate) {
        std::vector<TaperStep> trial = plan_.steps;
        TaperStep s;
        s.start_day = day_;
        s.drugs = {candidate};
        trial.push_back(s);
        return simulate_peak_w(trial, day_, day_ + interval);
      };
      if (peak_with(*next) > ceiling_) {
        std::optional<PlannedDrug> good = next_regimen(now, current - smallest, floor_mg);
        PlannedDrug bad = *next;
        if (good && peak_with(*good) <= ceiling_) {
          for (int it = 0; it < 8; ++it) {
            const double mid = 0.5 * (good->daily_mg() + bad.daily_mg());
            auto candidate = next_regimen(now, mid, floor_mg);
            if (!candidate || candidate->daily_mg() >= good->daily_mg() - kEps ||
                candidate->daily_mg() <= bad.daily_mg() + kEps) {
              break;
            }
            if (peak_with(*candidate) <= ceiling_) {
              good = candidate;
            } else {
              bad = *candidate;
            }
          }
        }
        // When even the smallest cut exceeds the ceiling, take the smallest cut.
        if (good) next = good;
      }
    }
    add_step(StepKind::kCut, interval, {*next}, dz_eq(drug, target), "");
    now = *next;
  }
}

void PlanBuilder::finish_simulation() {
  const int horizon = day_ + kTailDays;
  const SimulationTrace& t = simulate_steps(plan_.steps, horizon);
  for (std::size_t i = 0; i < plan_.steps.size(); ++i) {
    TaperStep& s = plan_.steps[i];
    const int end = (i + 1 < plan_.steps.size()) ? plan_.steps[i + 1].start_day
                                                 : std::min(horizon, s.start_day + kTailDays);
    s.peak_withdrawal = peak_withdrawal_between(t, s.start_day, end);
  }
}

Plan PlanBuilder::build() {
  const PlanSettings& st = request_.settings;
  if (request_.regimen.empty()) throw ValidationError("regimen", "give the current regimen");
  for (const auto& d : request_.regimen.drugs) (void)table_.at(d.drug_id);
  const bool crossover = st.strategy == "crossover";
  const Strategy strategy = parse_strategy(
      crossover ? (st.then_strategy.empty() ? "fraction" : st.then_strategy) : st.strategy,
      crossover ? "then" : "strategy");
  if (strategy == Strategy::kBands) pace_ = parse_pace(st.pace, "pace");
  if (!crossover && request_.regimen.drugs.size() > 1) {
    throw ValidationError("regimen",
                          "taper one drug at a time, or switch them all to one "
                          "long-acting drug first (the crossover strategy)");
  }
  if (!(st.cut_fraction > 0 && st.cut_fraction <= max_cut())) {
    throw ValidationError("cut", "expected a cut above 0% and at most 25% of the current dose");
  }
  if (st.every_days < 1 || st.every_days > 90) {
    throw ValidationError("every", "expected 1 to 90 days between cuts");
  }
  plan_.findings = red_flags(request_.profile, request_.regimen, plan_.start_diazepam_equivalent_mg,
                             catalog_, crossover ? catalog_.drug(st.crossover_to).id : "");
  if (st.clinician_override_reason) {
    plan_.findings.insert(
        plan_.findings.begin(),
        {Severity::kWarning, "rate-cap-override",
         "A clinician allowed cuts of up to " + format_mg(st.max_cut_fraction_override * 100) +
             "% in 14 days, above the usual 25% limit.",
         "Recorded reason: " + *st.clinician_override_reason});
  }
  // The abrupt-stop peak, for comparison and for the final-stop rule.
  if (simulations_ && simulations_->known_abrupt) {
    plan_.abrupt_stop_peak_withdrawal = simulations_->known_abrupt->peak_withdrawal;
  } else {
    plan_.abrupt_stop_peak_withdrawal = simulate_peak_w({}, 0, kAbruptPeakDays);
    if (simulations_) {
      // Handed on for the plan's course; the trials start afresh (they share nothing with it).
      std::swap(simulations_->abrupt, trace_);
      trace_duration_h_ = -1.0;
    }
  }

  if (crossover) crossover_phase();
  const std::string final_drug =
      crossover ? catalog_.drug(st.crossover_to).id : request_.regimen.drugs.front().drug_id;
  if (st.goal_mg) {
    const double current =
        plan_.steps.empty() ? request_.regimen.drugs.front().daily_mg() : current_drug().daily_mg();
    if (*st.goal_mg >= current - kEps) {
      throw ValidationError("goal", "the goal of " + format_mg(*st.goal_mg) + " mg " + final_drug +
                                        " a day is not below the current " + format_mg(current) +
                                        " mg");
    }
  }
  if (strategy == Strategy::kGuided) {
    if (st.ceiling) {
      ceiling_ = *st.ceiling;
    } else {
      // Default ceiling: the peak W over a 10%-of-current-dose per 14 days plan for the same
      // regimen, so that guided spreads that plan's burden evenly.
      PlanRequest reference = request_;
      reference.settings.strategy = crossover ? "crossover" : "fraction";
      reference.settings.then_strategy = "fraction";
      reference.settings.cut_fraction = 0.10;
      reference.settings.every_days = 14;
      reference.settings.goal_mg.reset();
      const Plan ref = build_plan_as_given(reference, catalog_, nullptr);
      for (const auto& s : ref.steps) ceiling_ = std::max(ceiling_, s.peak_withdrawal);
    }
    if (!(ceiling_ > 0)) throw ValidationError("ceiling", "expected a ceiling above 0");
  }
  taper_phase(strategy);
  finish_simulation();
  if (simulations_) {
    std::swap(simulations_->plan, trace_);
    simulations_->plan_doses = std::move(trace_doses_);
    trace_duration_h_ = -1.0;
  }

  if (st.target_date && st.start_date) {
    const CivilDate end = st.start_date->plus_days(plan_.total_days());
    if (end > *st.target_date) {
      plan_.notes.push_back("Finishing by " + st.target_date->to_string() +
                            " would need faster cuts than this plan's safe pace; the plan keeps "
                            "its pace and ends on " +
                            end.to_string() + ". taperlab never speeds up to meet a date.");
    }
  }
  const auto violations = check_plan_rules(plan_, table_);
  if (!violations.empty()) {
    throw Error(ErrorCode::kInternal, "planner produced an unsafe plan: " + violations.front());
  }
  return plan_;
}

}  // namespace

AbruptStopKey abrupt_stop_key(const PlanRequest& request) {
  return {request.regimen, request.settings.model, request.settings.table_id};
}

Plan build_plan_as_given(const PlanRequest& request, const Catalog& catalog,
                         PlanSimulations* simulations) {
  if (simulations) {
    simulations->plan = SimulationTrace{};
    simulations->plan_doses.clear();
    simulations->abrupt = SimulationTrace{};
  }
  PlanBuilder builder(request, catalog, simulations);
  return builder.build();
}

}  // namespace taperlab
