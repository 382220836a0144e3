// Summaries of real cohort runs (issue 21): 1 and 2 threads give the same summary, 4 shards
// written to shard files, read back and merged give the summary of one run count for count, the
// daily bands agree with sorting every person's values within the sketch's stated error, and merge
// refuses shards of different studies, naming what differs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/base/error.hpp"
#include "core/cohort/cohort_shard.hpp"
#include "core/cohort/run_cohort.hpp"
#include "core/dosing/dose_schedule.hpp"
#include "io/population_load.hpp"
#include "test_catalog.hpp"

namespace taperlab::cohort {
namespace {

constexpr int kShardTestDays = 120;
constexpr std::uint64_t kShardTestPeople = 96;

// Diazepam 20 mg/day in two doses, cut 10% every 2 weeks.
CohortRequest shard_test_request(std::uint64_t first, std::uint64_t count) {
  const Regimen start = testing::regimen_of("diazepam 10mg@08:00, 10mg@20:00");
  CohortRequest r;
  r.plan.steady_state = start;
  r.plan.doses = fraction_taper(start, 0.25, 14, 0.05).events(kShardTestDays);
  r.plan.duration_h = kShardTestDays * 24.0;
  r.population = io::load_population(TAPERLAB_TEST_DATA_DIR, "adults");
  r.n = kShardTestPeople;
  r.first = first;
  r.count = count;
  r.seed = 42;
  return r;
}

// Feeds a summary and keeps every value, to sort.
class KeepingSink final : public CohortSink {
 public:
  KeepingSink() : summary(kShardTestDays, kDefaultThresholdW) {}
  void add(const PersonCourse& p) override {
    summary.add(p);
    for (int d = 0; d < kShardTestDays; ++d) {
      const auto i = static_cast<std::size_t>(d);
      values[0][i].push_back(p.withdrawal_peak[i]);
      values[1][i].push_back(p.remaining[i]);
      values[2][i].push_back(p.effect_mean[i]);
    }
  }
  CohortSummary summary;
  std::array<std::vector<std::vector<double>>, 3> values{
      std::vector<std::vector<double>>(kShardTestDays),
      std::vector<std::vector<double>>(kShardTestDays),
      std::vector<std::vector<double>>(kShardTestDays)};
};

CohortSummary run_summary(std::uint64_t first, std::uint64_t count, std::size_t threads) {
  const Catalog& catalog = testing::shipped_catalog();
  std::vector<CohortSummary> sinks(threads, CohortSummary(kShardTestDays, kDefaultThresholdW));
  std::vector<CohortSink*> pointers;
  for (auto& s : sinks) pointers.push_back(&s);
  run_cohort(catalog, catalog.table("ashton"), ModelParameters{}, shard_test_request(first, count),
             pointers);
  for (std::size_t t = 1; t < sinks.size(); ++t) sinks.front().merge(sinks[t]);
  return sinks.front();
}

CohortStudy shard_test_study() {
  CohortStudy s;
  s.n = kShardTestPeople;
  s.seed = 42;
  s.threshold_w = kDefaultThresholdW;
  s.days = kShardTestDays;
  s.population = "population/adults.json";
  s.population_sha256 = "ab12";
  s.plans = {{"quarter", "cd34"}};
  s.engine = "taperlab test";
  return s;
}

TEST(CohortShards, OneAndTwoThreadsGiveTheSameSummary) {
  const CohortSummary one = run_summary(0, kShardTestPeople, 1);
  const CohortSummary two = run_summary(0, kShardTestPeople, 2);
  EXPECT_EQ(one.people(), kShardTestPeople);
  EXPECT_EQ(one, two);
  EXPECT_GT(one.peak_withdrawal().quantile(1.0), 0.0);  // 25% cuts: withdrawal pressure
}

TEST(CohortShards, FourShardsMergedFromTheirFilesEqualOneRun) {
  const CohortSummary whole = run_summary(0, kShardTestPeople, 1);
  std::vector<CohortResult> shards;
  std::vector<std::string> names;
  for (std::uint64_t i = 0; i < 4; ++i) {
    const PeopleRange range = shard_range(kShardTestPeople, i, 4);
    CohortResult r;
    r.study = shard_test_study();
    r.people = {range};
    r.summaries.push_back(run_summary(range.first, range.end - range.first, 2));
    // Through the file's text and back.
    shards.push_back(parse_shard(nlohmann::json::parse(shard_text(r))));
    names.push_back("shard" + std::to_string(i) + ".json");
  }
  // Any order.
  std::reverse(shards.begin(), shards.end());
  std::reverse(names.begin(), names.end());
  const CohortResult merged = merge_results(shards, names);
  ASSERT_EQ(merged.summaries.size(), 1U);
  EXPECT_EQ(merged.summaries[0], whole);
  EXPECT_TRUE(missing_people(merged).empty());
  ASSERT_EQ(merged.people.size(), 1U);
  EXPECT_EQ(merged.people[0], (PeopleRange{0, kShardTestPeople}));
  // The merged file reads back as itself.
  EXPECT_EQ(parse_shard(nlohmann::json::parse(shard_text(merged))).summaries[0], whole);
}

TEST(CohortShards, BandsAgreeWithSortingEveryPerson) {
  const Catalog& catalog = testing::shipped_catalog();
  KeepingSink sink;
  CohortSink* pointer = &sink;
  run_cohort(catalog, catalog.table("ashton"), ModelParameters{},
             shard_test_request(0, kShardTestPeople), std::span<CohortSink* const>(&pointer, 1));
  double worst = 0;
  for (auto series : kAllSeries) {
    for (int d = 0; d < kShardTestDays; ++d) {
      auto sorted = sink.values[static_cast<std::size_t>(series)][static_cast<std::size_t>(d)];
      std::sort(sorted.begin(), sorted.end());
      for (double q : kBandPercentiles) {
        const double exact = sorted[static_cast<std::size_t>(
            std::floor(q * static_cast<double>(sorted.size() - 1)))];
        const double got = sink.summary.band(series, d).quantile(q);
        if (exact < QuantileSketch::kZeroBelow) {
          EXPECT_LE(std::abs(got - exact), QuantileSketch::kZeroBelow);
          continue;
        }
        worst = std::max(worst, std::abs(got - exact) / exact);
        ASSERT_LE(std::abs(got - exact), exact * QuantileSketch::kRelativeError)
            << series_name(series) << " day " << d << " q " << q;
      }
    }
  }
  std::cout << "bands: largest relative error against sorting " << worst << "\n";
}

TEST(CohortShards, MergeRefusesOtherStudiesAndOverlaps) {
  CohortResult a;
  a.study = shard_test_study();
  a.people = {shard_range(kShardTestPeople, 0, 2)};
  a.summaries.emplace_back(kShardTestDays, kDefaultThresholdW);
  CohortResult b = a;
  b.people = {shard_range(kShardTestPeople, 1, 2)};
  const std::vector<std::string> names{"a.json", "b.json"};
  const auto refused = [&](const CohortResult& other) {
    try {
      (void)merge_results(std::vector<CohortResult>{a, other}, names);
    } catch (const ValidationError& e) {
      return std::string(e.what());
    }
    return std::string("merged");
  };
  CohortResult other_seed = b;
  other_seed.study.seed = 7;
  EXPECT_NE(refused(other_seed).find("b.json: not the same study as a.json: seed 7, not 42"),
            std::string::npos)
      << refused(other_seed);
  CohortResult other_plan = b;
  other_plan.study.plans[0].sha256 = "ef56";
  EXPECT_NE(refused(other_plan).find("plan 1 quarter (sha256 ef56)"), std::string::npos);
  CohortResult other_population = b;
  other_population.study.population_sha256 = "0000";
  EXPECT_NE(refused(other_population).find("population"), std::string::npos);
  CohortResult other_threshold = b;
  other_threshold.study.threshold_w = 0.05;
  EXPECT_NE(refused(other_threshold).find("threshold 0.05, not 0.025"), std::string::npos);
  EXPECT_NE(refused(a).find("overlap"), std::string::npos);  // the same shard twice
  EXPECT_EQ(refused(b), "merged");
  // Half the study: the other half is missing.
  EXPECT_EQ(missing_people(a), (std::vector<PeopleRange>{shard_range(kShardTestPeople, 1, 2)}));
}

TEST(CohortShards, FileReaderNamesTheMember) {
  CohortResult a;
  a.study = shard_test_study();
  a.summaries.emplace_back(kShardTestDays, kDefaultThresholdW);
  auto doc = nlohmann::json::parse(shard_text(a));
  EXPECT_NO_THROW((void)parse_shard(doc));
  auto wrong_version = doc;
  wrong_version["version"] = 2;
  EXPECT_THROW((void)parse_shard(wrong_version), ValidationError);
  auto wrong_days = doc;
  wrong_days["summaries"][0]["bands"]["W"].erase(0);
  try {
    (void)parse_shard(wrong_days);
    FAIL() << "read a summary with a day missing";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors().front().field, "summaries[0].bands.W");
  }
  auto negative = doc;
  negative["summaries"][0]["days_above"][0] = -1;
  EXPECT_THROW((void)parse_shard(negative), ValidationError);
  EXPECT_THROW((void)parse_shard(nlohmann::json::object()), ValidationError);
}

TEST(CohortShards, ShardRangesCoverEveryoneOnce) {
  std::uint64_t at = 0;
  for (std::uint64_t i = 0; i < 7; ++i) {
    const PeopleRange r = shard_range(100, i, 7);
    EXPECT_EQ(r.first, at);
    at = r.end;
  }
  EXPECT_EQ(at, 100U);
  EXPECT_THROW((void)shard_range(100, 4, 4), std::invalid_argument);
  EXPECT_THROW((void)shard_range(100, 0, 0), std::invalid_argument);
}

}  // namespace
}  // namespace taperlab::cohort
