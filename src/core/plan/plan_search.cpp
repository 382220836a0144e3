// No dead ends: when the products at hand cannot make a safe plan, or can stop only from above
// 1 mg diazepam-equivalent, the planner looks for complete alternatives (docs/planner.md "No dead
// ends"): the same drug with the fewest extra products marketed in the person's country, a
// crossover to diazepam with that country's diazepam products, and the same drug from a
// compounded oral liquid. Each is a whole plan, checked and simulated.
#include <algorithm>
#include <cmath>

#include "core/base/text.hpp"
#include "core/drugs/catalog.hpp"
#include "core/drugs/equivalence_table.hpp"
#include "core/plan/planner.hpp"
#include "core/plan/safety_rules.hpp"

namespace taperlab {
namespace {

constexpr double kMgTolerance = 1e-9;
// Extra products are searched alone, then in pairs among the first few (fewest products first).
constexpr std::size_t kMostPairCandidates = 12;
// A compounded liquid is measured to 0.1 mL with an oral syringe, and one measure holds at most
// this much diazepam-equivalent (assumed: a fifth of the 1 mg a plan stops from).
constexpr double kCompoundedMeasureMl = 0.1;
constexpr double kCompoundedMostMeasureDz = 0.2;
constexpr double kRoundConcentrations[] = {0.01, 0.02, 0.025, 0.05, 0.1,  0.2,  0.25, 0.5,
                                           1.0,  2.0,  2.5,   5.0,  10.0, 20.0, 25.0, 50.0};

bool same_option(const DispensingOption& a, const DispensingOption& b) {
  return a.drug_id == b.drug_id && a.form == b.form &&
         std::abs(a.strength_mg - b.strength_mg) < 1e-9 &&
         std::abs(a.strength_mg_per_ml - b.strength_mg_per_ml) < 1e-9 &&
         a.compounded == b.compounded;
}

bool has_product(const FormulationSet& set, const DispensingOption& o) {
  return std::any_of(set.options.begin(), set.options.end(),
                     [&](const DispensingOption& p) { return same_option(p, o); });
}

// "clonazepam 0.125 mg orally disintegrating tablets", "diazepam 1 mg/mL oral solution"
std::string product_name(const DispensingOption& o) {
  if (o.is_liquid()) {
    return o.drug_id + " " + format_decimal(o.strength_mg_per_ml, 4) + " mg/mL oral solution" +
           (o.compounded ? " (compounded)" : "");
  }
  const char* noun = o.form == FormulationForm::kCapsule ? " capsules"
                     : o.form == FormulationForm::kOdt   ? " orally disintegrating tablets"
                                                         : " tablets";
  std::string split;
  if (o.form == FormulationForm::kTablet && o.split == Split::kHalf) split = " (scored, halves)";
  if (o.form == FormulationForm::kTablet && o.split == Split::kQuarter) split = " (quarters)";
  return o.drug_id + " " + format_decimal(o.strength_mg, 4) + " mg" + noun + split;
}

// The last daily diazepam-equivalent before the final stop (0 when the plan holds a dose).
double stop_from_dz(const Plan& plan) {
  if (plan.steps.size() < 2 || !plan.steps.back().stopped()) return 0.0;
  return plan.steps[plan.steps.size() - 2].diazepam_equivalent_mg;
}

bool stops_well(const Plan& plan) { return stop_from_dz(plan) <= kFinalStopFromMg + 1e-6; }

double highest_peak(const Plan& plan) {
  double peak = 0;
  for (const auto& s : plan.steps) peak = std::max(peak, s.peak_withdrawal);
  return peak;
}

class Search {
 public:
  Search(const PlanRequest& request, const Catalog& catalog)
      : request_(request), catalog_(catalog) {}

  Plan run(PlanSimulations* caller_simulations);

 private:
  // The plan of `request`; when another drug's products then fall short (a crossover's diazepam
  // where no fine diazepam product is sold), that drug comes as a compounded liquid too, added to
  // the request and to `extra`.
  // Its simulations go to `simulations` (kept for the chosen plan's course).
  std::optional<Plan> try_build(PlanRequest& request, std::vector<DispensingOption>& extra,
                                std::shared_ptr<PlanSimulations>& simulations) {
    for (int fixes = 0;; ++fixes) {
      simulations = std::make_shared<PlanSimulations>();
      simulations->known_abrupt = known_abrupt_;
      try {
        Plan plan = build_plan_as_given(request, catalog_, simulations.get());
        if (!known_abrupt_) {
          known_abrupt_ = AbruptStop{plan.abrupt_stop_peak_withdrawal, {}};
        }
        return plan;
      } catch (const ProductsCannotMake& e) {
        if (fixes >= 2 || e.drug_id.empty()) return std::nullopt;
        const bool has_compounded =
            std::any_of(request.formulations.options.begin(), request.formulations.options.end(),
                        [&](const DispensingOption& o) {
                          return o.drug_id == e.drug_id && o.compounded && o.is_liquid();
                        });
        if (has_compounded) return std::nullopt;
        const DispensingOption liquid = compounded_liquid(e.drug_id);
        std::erase_if(request.formulations.options, [&](const DispensingOption& o) {
          return o.drug_id == e.drug_id && o.is_liquid();
        });
        request.formulations.options.push_back(liquid);
        extra.push_back(liquid);
      } catch (const ValidationError&) {
        return std::nullopt;  // this alternative does not fit the request (e.g. its goal dose)
      }
    }
  }
  DispensingOption compounded_liquid(const std::string& drug) const;
  // The country's products of the drug (none when the country is not known).
  std::vector<DispensingOption> country_products(const std::string& drug) const {
    if (request_.settings.country.empty()) return {};
    return default_formulations(catalog_, {drug}, request_.settings.country).options;
  }
  void add(AlternativeKind kind, std::string title, const PlanRequest& request, Plan plan,
           const std::vector<DispensingOption>& extra, std::shared_ptr<PlanSimulations> sims);
  void extra_products(const std::string& drug, const std::optional<Plan>& as_given);
  void crossover();
  void compounded(const std::string& drug);
  std::string refusal(const std::string& drug, const std::string& why) const;

  const PlanRequest& request_;
  const Catalog& catalog_;
  std::optional<AbruptStop> known_abrupt_;
  std::vector<PlanAlternative> found_;
  std::vector<PlanRequest> requests_;                          // parallel to found_
  std::vector<std::shared_ptr<PlanSimulations>> simulations_;  // parallel to found_
};

void Search::add(AlternativeKind kind, std::string title, const PlanRequest& request, Plan plan,
                 const std::vector<DispensingOption>& extra,
                 std::shared_ptr<PlanSimulations> sims) {
  simulations_.push_back(std::move(sims));
  PlanAlternative a;
  a.kind = kind;
  a.title = std::move(title);
  for (const auto& line : plan.pharmacy_total()) {
    const bool is_extra = std::any_of(extra.begin(), extra.end(), [&](const DispensingOption& o) {
      return same_option(o, line.option);
    });
    if (!is_extra) continue;
    if (line.option.is_liquid()) {
      a.to_get.push_back(product_name(line.option) + ": " + format_decimal(line.volume_ml, 0) +
                         " mL in all");
    } else {
      a.to_get.push_back(product_name(line.option) + ": " + format_decimal(line.tablets, 0) +
                         " in all");
    }
  }
  a.weeks = (plan.total_days() + 6) / 7;
  a.steps = static_cast<int>(plan.steps.size());
  a.peak_share_of_abrupt = plan.abrupt_stop_peak_withdrawal > 0
                               ? highest_peak(plan) / plan.abrupt_stop_peak_withdrawal
                               : 0.0;
  a.plan = std::make_shared<const Plan>(std::move(plan));
  found_.push_back(std::move(a));
  requests_.push_back(request);
}

void Search::extra_products(const std::string& drug, const std::optional<Plan>& as_given) {
  std::vector<DispensingOption> pool;
  for (const auto& o : country_products(drug)) {
    if (!has_product(request_.formulations, o)) pool.push_back(o);
  }
  if (pool.empty()) return;
  const bool need_better_stop = as_given.has_value();
  auto with = [&](const std::vector<DispensingOption>& extra) {
    PlanRequest r = request_;
    for (const auto& o : extra) r.formulations.options.push_back(o);
    return r;
  };
  auto title = [&](const std::vector<DispensingOption>& extra) {
    std::string t = drug + " with ";
    for (std::size_t i = 0; i < extra.size(); ++i) {
      t += (i == 0 ? "" : " and ") + product_name(extra[i]);
    }
    return t + " added";
  };
  // A candidate is better when it stops from less, then when it is shorter, then solids first.
  struct Best {
    std::vector<DispensingOption> extra;
    PlanRequest request;
    Plan plan;
    std::shared_ptr<PlanSimulations> simulations;
  };
  std::optional<Best> best;
  auto consider = [&](const std::vector<DispensingOption>& extra) {
    PlanRequest r = with(extra);
    std::vector<DispensingOption> all_extra = extra;
    std::shared_ptr<PlanSimulations> sims;
    auto plan = try_build(r, all_extra, sims);
    if (!plan) return;
    if (need_better_stop && stop_from_dz(*plan) >= stop_from_dz(*as_given) - 1e-6) return;
    auto rank = [](const Plan& p, const std::vector<DispensingOption>& e) {
      int liquids = 0;
      for (const auto& o : e) liquids += o.is_liquid() ? 1 : 0;
      return std::make_tuple(!stops_well(p), p.total_days(), liquids);
    };
    if (!best || rank(*plan, extra) < rank(best->plan, best->extra)) {
      best = Best{all_extra, std::move(r), std::move(*plan), std::move(sims)};
    }
  };
  for (const auto& o : pool) consider({o});
  if (!best || !stops_well(best->plan)) {
    const std::size_t n = std::min(pool.size(), kMostPairCandidates);
    std::optional<Best> single = std::move(best);
    best.reset();
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) consider({pool[i], pool[j]});
    }
    // A pair is worth its second product only when it stops well where one product did not.
    if (single && (!best || !stops_well(best->plan))) best = std::move(single);
  }
  if (best) {
    add(AlternativeKind::kExtraProducts, title(best->extra), best->request, std::move(best->plan),
        best->extra, std::move(best->simulations));
  }
}

void Search::crossover() {
  // A maintenance goal is a dose of the person's own drug: no switch then.
  if (request_.settings.strategy == "crossover" || request_.regimen.drugs.empty() ||
      request_.settings.goal_mg) {
    return;
  }
  const Drug* diazepam = catalog_.find_drug("diazepam");
  if (diazepam == nullptr) return;
  // Ashton's practice: switch short and intermediate-acting drugs and Z-drugs to diazepam, and
  // any drug whose small doses cannot be made (docs/planner.md), as here: the search runs only
  // then.
  for (const auto& d : request_.regimen.drugs) {
    if (catalog_.drug(d.drug_id).id == diazepam->id) return;
  }
  PlanRequest r = request_;
  r.settings.then_strategy = request_.settings.strategy;
  r.settings.strategy = "crossover";
  r.settings.crossover_to = diazepam->id;
  std::vector<DispensingOption> extra;
  if (!r.formulations.has_drug(diazepam->id)) {
    for (const auto& o : country_products(diazepam->id)) {
      r.formulations.options.push_back(o);
      extra.push_back(o);
    }
  }
  if (!r.formulations.has_drug(diazepam->id)) return;
  std::shared_ptr<PlanSimulations> sims;
  auto plan = try_build(r, extra, sims);
  if (!plan) return;
  add(AlternativeKind::kCrossover, "switch to diazepam first (Ashton Manual), then taper it", r,
      std::move(*plan), extra, std::move(sims));
}

DispensingOption Search::compounded_liquid(const std::string& drug) const {
  // Fine enough for the end of a plan: one measure holds at most a fifth of 1 mg
  // diazepam-equivalent, so that steps of at most 25% reach the stop from 1 mg; the strongest
  // round concentration that does (the smallest volumes).
  const auto& table = catalog_.table(request_.settings.table_id);
  const double most_per_measure_mg =
      kCompoundedMostMeasureDz / table.reference_equivalent_mg(drug, 1.0);
  double concentration = kRoundConcentrations[0];
  for (double c : kRoundConcentrations) {
    if (c * kCompoundedMeasureMl <= most_per_measure_mg + kMgTolerance) concentration = c;
  }
  DispensingOption liquid;
  liquid.drug_id = drug;
  liquid.form = FormulationForm::kOralSolution;
  liquid.strength_mg_per_ml = concentration;
  liquid.measure_increment_ml = kCompoundedMeasureMl;
  liquid.compounded = true;
  return liquid;
}

void Search::compounded(const std::string& drug) {
  const DispensingOption liquid = compounded_liquid(drug);
  PlanRequest r = request_;
  // One liquid strength of a drug in a plan: the compounded one replaces any other.
  std::erase_if(r.formulations.options,
                [&](const DispensingOption& o) { return o.drug_id == drug && o.is_liquid(); });
  r.formulations.options.push_back(liquid);
  std::vector<DispensingOption> extra{liquid};
  std::shared_ptr<PlanSimulations> sims;
  auto plan = try_build(r, extra, sims);
  if (!plan) return;
  add(AlternativeKind::kCompounded,
      drug + " from a compounded oral liquid of " + format_decimal(liquid.strength_mg_per_ml, 4) +
          " mg/mL, measured with an oral syringe",
      r, std::move(*plan), extra, std::move(sims));
}

std::string Search::refusal(const std::string& drug, const std::string& why) const {
  const std::string where =
      request_.settings.country.empty() ? "" : " in " + request_.settings.country;
  return "No safe plan can be made for " + drug + where + ": " + why +
         ". Ask your prescriber or pharmacist whether " + drug +
         " can be made up as an oral liquid, or about switching to diazepam, and plan again "
         "with the products they can supply.";
}

// The chosen alternative of a search made before, built alone.
Plan from_known_search(const PlanSearchResult& known, const PlanRequest& request,
                       const Catalog& catalog, PlanSimulations& simulations) {
  int chosen = 0;
  if (request.settings.alternative) {
    chosen = *request.settings.alternative - 1;
    if (chosen < 0 || chosen >= static_cast<int>(known.alternatives.size())) {
      throw ValidationError("alternative", "expected 1 to " +
                                               std::to_string(known.alternatives.size()) +
                                               " (the alternatives listed with the plan)");
    }
  }
  const auto index = static_cast<std::size_t>(chosen);
  const std::shared_ptr<const PlanSearchResult> keep = simulations.known_search;
  Plan plan = build_plan_as_given(known.requests[index], catalog, &simulations);
  simulations.known_search = keep;
  simulations.search = keep;
  plan.alternatives = known.alternatives;
  plan.chosen_alternative = chosen;
  plan.alternatives_reason = known.reason;
  return plan;
}

Plan Search::run(PlanSimulations* caller_simulations) {
  if (caller_simulations && caller_simulations->known_search &&
      !caller_simulations->known_search->alternatives.empty()) {
    return from_known_search(*caller_simulations->known_search, request_, catalog_,
                             *caller_simulations);
  }
  std::optional<Plan> as_given;
  std::string failing_drug;
  std::string why;
  const std::optional<AbruptStop> caller_abrupt =
      caller_simulations ? caller_simulations->known_abrupt : std::nullopt;
  auto as_given_simulations = std::make_shared<PlanSimulations>();
  {
    PlanSimulations& simulations = *as_given_simulations;
    simulations.known_abrupt = caller_abrupt;
    known_abrupt_ = simulations.known_abrupt;
    try {
      as_given = build_plan_as_given(request_, catalog_, &simulations);
      if (!as_given->settings.goal_mg && !stops_well(*as_given)) {
        failing_drug = as_given->steps.size() >= 2 &&
                               !as_given->steps[as_given->steps.size() - 2].drugs.empty()
                           ? as_given->steps[as_given->steps.size() - 2].drugs.front().drug_id
                           : std::string();
      }
      if (failing_drug.empty()) {
        if (caller_simulations) *caller_simulations = std::move(simulations);
        return std::move(*as_given);
      }
      known_abrupt_ = AbruptStop{as_given->abrupt_stop_peak_withdrawal, {}};
    } catch (const ProductsCannotMake& e) {
      failing_drug = e.drug_id;
      why = e.errors().empty() ? e.what() : e.errors().front().message;
    }
  }
  if (as_given) {
    add(AlternativeKind::kAsGiven, "the products listed", request_, *as_given, {},
        as_given_simulations);
  }
  extra_products(failing_drug, as_given);
  compounded(failing_drug);
  crossover();
  if (found_.empty()) throw ValidationError("formulations", refusal(failing_drug, why));
  if (found_.size() == 1 && as_given && !request_.settings.alternative) {
    // Nothing does better than the products listed: their plan says why it stops where it does.
    if (caller_simulations) *caller_simulations = std::move(*as_given_simulations);
    return std::move(*as_given);
  }

  // The person's order of preference: fewest products to get (the default), staying on the drug,
  // or diazepam first.
  const std::string& prefer = request_.settings.prefer;
  auto kind_rank = [&](AlternativeKind k) {
    if (k == AlternativeKind::kCrossover) return prefer == "diazepam" ? -1 : 10;
    return static_cast<int>(k);
  };
  std::vector<std::size_t> order(found_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (prefer == "keep-drug" || prefer == "diazepam") {
      return kind_rank(found_[a].kind) < kind_rank(found_[b].kind);
    }
    // Fewest products to get beyond what the person has.
    return std::make_tuple(found_[a].to_get.size(), kind_rank(found_[a].kind)) <
           std::make_tuple(found_[b].to_get.size(), kind_rank(found_[b].kind));
  });
  std::vector<PlanAlternative> alternatives;
  std::vector<std::shared_ptr<PlanSimulations>> simulations;
  std::vector<PlanRequest> requests;
  for (std::size_t i : order) {
    alternatives.push_back(std::move(found_[i]));
    simulations.push_back(std::move(simulations_[i]));
    requests.push_back(std::move(requests_[i]));
  }
  int chosen = 0;
  if (request_.settings.alternative) {
    chosen = *request_.settings.alternative - 1;
    if (chosen < 0 || chosen >= static_cast<int>(alternatives.size())) {
      throw ValidationError("alternative", "expected 1 to " + std::to_string(alternatives.size()) +
                                               " (the alternatives listed with the plan)");
    }
  }
  const auto index = static_cast<std::size_t>(chosen);
  Plan plan = *alternatives[index].plan;
  if (caller_simulations) {
    // The chosen plan's own simulations, for its course; the caller's abrupt stop stays known
    // (the alternatives were built knowing only its peak).
    *caller_simulations = std::move(*simulations[index]);
    caller_simulations->known_abrupt = caller_abrupt;
  }
  auto result = std::make_shared<PlanSearchResult>();
  if (as_given) {
    result->reason = "the products listed make no dose of " + failing_drug +
                     " small enough to stop from 1 mg diazepam-equivalent (their plan stops "
                     "from " +
                     format_decimal(stop_from_dz(*as_given), 2) + " mg)";
  } else {
    result->reason = why;
  }
  result->alternatives = alternatives;
  result->requests = std::move(requests);
  plan.alternatives = std::move(alternatives);
  plan.chosen_alternative = chosen;
  plan.alternatives_reason = result->reason;
  if (caller_simulations) caller_simulations->search = std::move(result);
  return plan;
}

}  // namespace

const char* to_string(AlternativeKind k) {
  switch (k) {
    case AlternativeKind::kAsGiven:
      return "as-given";
    case AlternativeKind::kExtraProducts:
      return "extra-products";
    case AlternativeKind::kCrossover:
      return "crossover";
    case AlternativeKind::kCompounded:
      return "compounded";
  }
  return "?";
}

std::string PlanAlternative::summary_line() const {
  std::string out = title + ": ";
  if (to_get.empty()) {
    out += "nothing new to get";
  } else {
    out += "get ";
    for (std::size_t i = 0; i < to_get.size(); ++i) out += (i == 0 ? "" : "; ") + to_get[i];
  }
  out += "; " + std::to_string(weeks) + (weeks == 1 ? " week, " : " weeks, ") +
         std::to_string(steps) + (steps == 1 ? " step" : " steps") + ", peak withdrawal pressure " +
         format_decimal(std::round(peak_share_of_abrupt * 100), 0) + "% of an abrupt stop's";
  return out;
}

PlanRequest chosen_request(const PlanRequest& asked, const Plan& plan) {
  if (plan.alternatives.empty()) return asked;
  PlanRequest chosen{plan.start_regimen, plan.profile, plan.settings, plan.formulations};
  chosen.settings.alternative.reset();
  return chosen;
}

Plan build_plan(const PlanRequest& request, const Catalog& catalog) {
  return Search(request, catalog).run(nullptr);
}

Plan build_plan(const PlanRequest& request, const Catalog& catalog, PlanSimulations& simulations) {
  return Search(request, catalog).run(&simulations);
}

}  // namespace taperlab
