// The cohort engine and its driver (issue 21): zero variability is the single-person Simulator to
// the bit, the seed reproduces, threads and shards give the same people.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "core/base/error.hpp"
#include "core/cohort/cohort_engine.hpp"
#include "core/cohort/run_cohort.hpp"
#include "core/cohort/simulator_cohort.hpp"
#include "core/dosing/dose_schedule.hpp"
#include "core/model/simulation.hpp"
#include "io/population_load.hpp"
#include "test_catalog.hpp"

namespace taperlab::cohort {
namespace {

using testing::regimen_of;
using testing::shipped_catalog;

// Every person's course, by person index.
struct EngineCourse {
  std::vector<double> peak, mean_e, remaining;
  friend bool operator==(const EngineCourse&, const EngineCourse&) = default;
};
class EngineCollectingSink : public CohortSink {
 public:
  void add(const PersonCourse& p) override {
    ASSERT_EQ(people.count(p.person_index), 0u) << "person handed on twice";
    people[p.person_index] = {{p.withdrawal_peak.begin(), p.withdrawal_peak.end()},
                              {p.effect_mean.begin(), p.effect_mean.end()},
                              {p.remaining.begin(), p.remaining.end()}};
  }
  std::map<std::uint64_t, EngineCourse> people;
};

// Diazepam 20 mg/day in two doses, cut 10% every 2 weeks (issue 21's reference case), `days` long;
// or faster, with withdrawal pressure (the reference case keeps W at 0 for the typical person
// until its last doses, past day 365).
SimulationRequest engine_diazepam_taper(int days, double fraction = 0.10, int every_days = 14) {
  const Regimen start = regimen_of("diazepam 10mg@08:00, 10mg@20:00");
  SimulationRequest request;
  request.steady_state = start;
  request.doses = fraction_taper(start, fraction, every_days, 0.05).events(days);
  request.duration_h = days * 24.0;
  return request;
}

// A lorazepam to diazepam crossover with doses at half hours (steps with doses inside them) and
// a chlordiazepoxide block with three metabolites: two and three drug blocks, odd intervals.
SimulationRequest engine_crossover(int days) {
  const Catalog& catalog = shipped_catalog();
  Regimen lorazepam;
  add_drug(lorazepam, parse_drug_regimen("lorazepam 1mg@07:30, 0.5mg@14:00, 1mg@21:30", catalog));
  Regimen half;
  add_drug(half, parse_drug_regimen("lorazepam 0.5mg@14:00, 1mg@21:30", catalog));
  add_drug(half, parse_drug_regimen("diazepam 10mg@07:30", catalog));
  Regimen later;
  add_drug(later, parse_drug_regimen("diazepam 10mg@07:30, 5mg@14:10", catalog));
  add_drug(later, parse_drug_regimen("chlordiazepoxide 10mg@21:45", catalog));
  DoseSchedule schedule;
  schedule.steps.push_back({0, half});
  schedule.steps.push_back({7, later});
  schedule.steps.push_back({21, scaled(later, 0.5)});
  SimulationRequest request;
  request.steady_state = lorazepam;
  request.doses = schedule.events(days);
  request.duration_h = days * 24.0 + 5.0;  // a partial last day, left out
  return request;
}

CohortRequest engine_cohort(SimulationRequest plan, Population population, std::uint64_t n) {
  CohortRequest r;
  r.plan = std::move(plan);
  r.population = std::move(population);
  r.n = n;
  r.first = 0;
  r.count = n;
  r.seed = 2026;
  return r;
}

std::map<std::uint64_t, EngineCourse> engine_run(const CohortRequest& request,
                                                 std::size_t threads) {
  std::vector<EngineCollectingSink> sinks(threads);
  std::vector<CohortSink*> pointers;
  for (auto& s : sinks) pointers.push_back(&s);
  const Catalog& catalog = shipped_catalog();
  run_cohort(catalog, catalog.default_table(), ModelParameters{}, request, pointers);
  std::map<std::uint64_t, EngineCourse> all;
  for (auto& s : sinks) all.merge(s.people);
  return all;
}

// The single-person Simulator's trace reduced to days as person_course.hpp defines them.
EngineCourse engine_simulator_course(const SimulationRequest& plan,
                                     const ModelParameters& parameters) {
  const Catalog& catalog = shipped_catalog();
  Simulator simulator(catalog, catalog.default_table(), parameters);
  const SimulationTrace trace = simulator.run(plan);
  const std::size_t days = cohort_days(plan);
  EngineCourse c{std::vector<double>(days), std::vector<double>(days), std::vector<double>(days)};
  reduce_to_days(trace.withdrawal, trace.effect, trace.adaptation_remaining, 24, c.peak, c.mean_e,
                 c.remaining);
  // The reduction's definitions, checked directly on the trace for one day.
  const std::size_t d = 30;
  double peak = 0.0;
  for (std::size_t r = 24 * d; r <= 24 * d + 24; ++r) peak = std::max(peak, trace.withdrawal[r]);
  EXPECT_EQ(c.peak[d], peak);
  EXPECT_EQ(c.remaining[d], trace.adaptation_remaining[24 * d]);
  EXPECT_EQ(c.mean_e[d], daily_means(trace).effect[d]);
  return c;
}

// Tolerance: none. With every multiplier 1 the engine does the Simulator's operations on the
// same numbers in the same order (the same Eigen matrix exponentials, no fused multiply-adds on
// either code path), so every daily value is the same double.
TEST(EngineRun, ZeroVariabilityIsTheSinglePersonSimulatorToTheBit) {
  for (const SimulationRequest& plan :
       {engine_diazepam_taper(200), engine_diazepam_taper(150, 0.25, 7), engine_crossover(40)}) {
    const EngineCourse expected = engine_simulator_course(plan, ModelParameters{});
    ASSERT_EQ(expected.peak.size(), cohort_days(plan));
    const auto people = engine_run(engine_cohort(plan, zero_variability_population(), 11), 2);
    ASSERT_EQ(people.size(), 11u);
    for (const auto& [k, course] : people) {
      EXPECT_EQ(course, expected) << "person " << k;
    }
  }
}

TEST(EngineRun, TheFastTaperHasWithdrawalPressureToCompare) {
  const EngineCourse c = engine_simulator_course(engine_diazepam_taper(150, 0.25, 7), {});
  EXPECT_GT(*std::max_element(c.peak.begin(), c.peak.end()), 0.01);
}

TEST(EngineRun, ZeroVariabilityWithAnotherModelIsTheSimulatorsToo) {
  ModelParameters p;
  p.effect.hill_n = 1.5;  // the effect by pow, lane by lane
  p.adaptation.fast_half_time_d = 3.0;
  const SimulationRequest plan = engine_diazepam_taper(60);
  const EngineCourse expected = engine_simulator_course(plan, p);
  const Catalog& catalog = shipped_catalog();
  const Population population = zero_variability_population();
  const CohortEngine engine(catalog, catalog.default_table(), p, plan, population, 1);
  CohortEngine::Workspace ws = engine.workspace();
  EngineCollectingSink sink;
  engine.run(5, 3, ws, sink);
  ASSERT_EQ(sink.people.size(), 3u);
  for (const auto& [k, course] : sink.people) EXPECT_EQ(course, expected) << k;
}

// With spread, the engine and the Simulator run person by person (simulator_cohort.hpp) take the
// same people through the same model; the Simulator sees the clearance multiplier through its
// potency calibration and D50 instead (simulator_person), which changes rounding only.
TEST(EngineRun, EachPersonIsTheSimulatorsPersonWithThatPersonsParameters) {
  const Population population = io::load_population(TAPERLAB_TEST_DATA_DIR, "adults");
  for (const SimulationRequest& plan :
       {engine_diazepam_taper(120, 0.25, 7), engine_crossover(30)}) {
    const CohortRequest request = engine_cohort(plan, population, 20);
    const auto fast = engine_run(request, 1);
    EngineCollectingSink reference;
    const Catalog& catalog = shipped_catalog();
    run_cohort_with_simulator(catalog, catalog.default_table(), ModelParameters{}, request,
                              reference);
    ASSERT_EQ(reference.people.size(), 20u);
    double worst = 0.0;
    for (const auto& [k, expected] : reference.people) {
      const EngineCourse& got = fast.at(k);
      for (std::size_t d = 0; d < expected.peak.size(); ++d) {
        // Relative to the day's scale (E and R near 1, W near 0.1 at most).
        worst = std::max(worst, std::abs(got.peak[d] - expected.peak[d]));
        worst = std::max(worst, std::abs(got.mean_e[d] - expected.mean_e[d]));
        worst = std::max(worst, std::abs(got.remaining[d] - expected.remaining[d]));
      }
    }
    EXPECT_LT(worst, 1e-10);
  }
}

TEST(EngineRun, TheSeedReproducesAndAnotherSeedDiffers) {
  const Population population = io::load_population(TAPERLAB_TEST_DATA_DIR, "adults");
  CohortRequest request = engine_cohort(engine_diazepam_taper(60), population, 30);
  const auto a = engine_run(request, 1);
  EXPECT_EQ(engine_run(request, 1), a);
  request.seed = 2027;
  const auto b = engine_run(request, 1);
  EXPECT_NE(b.at(3), a.at(3));
}

TEST(EngineRun, OneAndTwoThreadsAndShardsGiveTheSamePeople) {
  const Population population = io::load_population(TAPERLAB_TEST_DATA_DIR, "adults");
  const CohortRequest whole =
      engine_cohort(engine_crossover(30), population, 150);  // not a multiple of 64
  const auto one = engine_run(whole, 1);
  ASSERT_EQ(one.size(), 150u);
  EXPECT_EQ(engine_run(whole, 2), one);
  EXPECT_EQ(engine_run(whole, 3), one);
  std::map<std::uint64_t, EngineCourse> sharded;
  for (const auto& [first, count] : {std::pair<std::uint64_t, std::uint64_t>{0, 75}, {75, 75}}) {
    CohortRequest shard = whole;
    shard.first = first;
    shard.count = count;
    auto part = engine_run(shard, 2);
    EXPECT_EQ(part.size(), count);
    sharded.merge(part);
  }
  EXPECT_EQ(sharded, one);
}

TEST(EngineRun, ThePortableAndTheAvx2PathsGiveTheSameBits) {
  const Population population = io::load_population(TAPERLAB_TEST_DATA_DIR, "adults");
  const SimulationRequest plan = engine_crossover(20);
  const Catalog& catalog = shipped_catalog();
  CohortEngine engine(catalog, catalog.default_table(), ModelParameters{}, plan, population, 8);
  CohortEngine::Workspace ws = engine.workspace();
  EngineCollectingSink vector_path;
  engine.run(0, 24, ws, vector_path);
  engine.allow_avx2(false);
  EngineCollectingSink portable;
  engine.run(0, 24, ws, portable);
  EXPECT_EQ(portable.people, vector_path.people);
  if (!CohortEngine::uses_avx2()) GTEST_SKIP() << "no AVX2 here: both runs were portable";
}

TEST(EngineRun, BadRequestsAreRefused) {
  const Catalog& catalog = shipped_catalog();
  EngineCollectingSink sink;
  std::vector<CohortSink*> sinks{&sink};
  CohortRequest request =
      engine_cohort(engine_diazepam_taper(10), zero_variability_population(), 10);
  request.first = 5;
  request.count = 6;  // past n
  EXPECT_THROW(run_cohort(catalog, catalog.default_table(), ModelParameters{}, request, sinks),
               ValidationError);
  request = engine_cohort(engine_diazepam_taper(10), zero_variability_population(), 10);
  request.plan.output_step_h = 7.0;
  EXPECT_THROW(run_cohort(catalog, catalog.default_table(), ModelParameters{}, request, sinks),
               ValidationError);
  request = engine_cohort(engine_diazepam_taper(10), zero_variability_population(), 10);
  EXPECT_THROW(run_cohort(catalog, catalog.default_table(), ModelParameters{}, request, {}),
               ValidationError);
}

class EngineThrowingSink : public CohortSink {
 public:
  void add(const PersonCourse&) override { throw ValidationError("sink", "full"); }
};

TEST(EngineRun, ASinksErrorReachesTheCaller) {
  const Catalog& catalog = shipped_catalog();
  EngineThrowingSink a;
  EngineThrowingSink b;
  std::vector<CohortSink*> sinks{&a, &b};
  const CohortRequest request =
      engine_cohort(engine_diazepam_taper(10), zero_variability_population(), 200);
  EXPECT_THROW(run_cohort(catalog, catalog.default_table(), ModelParameters{}, request, sinks),
               ValidationError);
}

}  // namespace
}  // namespace taperlab::cohort
