// POST /plans/preview/band (journal/plan_band.hpp): the band of 1,000 people like this person
// around the previewed plan. Its shape, the same band on every call, and a narrower band once
// twelve weeks of check-ins on a steep taper give the personal model a fit. Prints the route's
// time (a figure, not a timed assertion).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include "core/adapt/synthetic_person.hpp"
#include "core/cohort/quantile_sketch.hpp"
#include "core/journal/plan_request_json.hpp"
#include "journal/model_inputs.hpp"
#include "journal/plans.hpp"
#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

const json kBandOptions = {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}};
const char* const kSeries[] = {"withdrawal_peak", "adaptation_remaining"};
const char* const kPlanStart = "2025-12-07";
// The percentiles come from the cohort summary's sketches (a stated relative error) and are
// rounded to 5 decimals in the answer.
constexpr double kRelative = cohort::QuantileSketch::kRelativeError;
constexpr double kRounding = 1e-5;

class PlanBandRoute : public ServerFixture {
 protected:
  // On clonazepam 1 mg a day with a plan of 25% every 14 days begun 2025-12-07, twelve weeks
  // before today: a steep taper, whose withdrawal pressure lets check-ins inform the personal
  // model (with 10% cuts W stays near 0 and the posterior is the prior: adapt/personal_model.hpp).
  Account person_with_plan(const std::string& email) const {
    const Account me = sign_up(email);
    auto send = [&](const std::string& rest, const json& body) {
      auto res = post(person_path(me, rest), &me, body);
      ASSERT_TRUE(res);
      ASSERT_EQ(res->status, 201) << res->body;
    };
    send("/regimen", {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}, {"date", kPlanStart}});
    const json plan = {{"strategy", "fraction"},
                       {"cut", "25%"},
                       {"every", "14d"},
                       {"start", kPlanStart},
                       {"date", kPlanStart}};
    send("/plans", plan);
    return me;
  }

  // A check-in every day from the plan's start to today, of a synthetic person (fast half-time
  // 3 d, slow 45 d, D50 25 mg/day, s1 15, as adapt's personal model test) whose symptoms follow
  // the model (s0 + s1 W plus day-to-day noise), as the 22 checklist items rated 0..4 give them.
  void write_check_ins(const Account& a) {
    store::Repository& repo = outside();
    const Person person = *repo.find_person(a.person_id);
    const CivilDate today = parse_civil_date(kToday, "test");
    const auto plan = journal::plan_in_force(repo, person.id, today);
    ASSERT_TRUE(plan);
    const journal::PersonTimeline timeline =
        journal::person_timeline(repo, person, *plan, today, today);
    const PlanRequest request = parse_plan_request(plan->version().request);
    adapt::SyntheticPerson truth;
    truth.model = request.settings.model;
    truth.model.adaptation.fast_half_time_d = 3.0;
    truth.model.adaptation.slow_half_time_d = 45.0;
    truth.model.effect.d50_mg_per_day = 25.0;
    truth.s1 = 15.0;
    std::mt19937_64 rng(7);
    const adapt::SyntheticJournal synthetic = adapt::synthetic_journal(
        catalog(), catalog().table(request.settings.table_id), timeline.request, truth, rng);
    const int points_max = kSymptomItemMax * static_cast<int>(kChecklistSymptoms.size());
    for (const adapt::SymptomObservation& o : synthetic.observations) {
      CheckIn c;
      c.person_id = person.id;
      c.date = timeline.day0.plus_days(o.day);
      int points = static_cast<int>(std::lround(o.symptom_share * points_max));
      for (const auto& item : kChecklistSymptoms) {
        c.symptoms[item] = std::min(points, kSymptomItemMax);
        points -= c.symptoms[item];
      }
      c.recorded_at = c.date.to_string() + "T20:00:00Z";
      repo.add_check_in(c);
    }
  }

  // Only a regimen: the plan previewed is the first.
  Account person_with_regimen(const std::string& email) const {
    const Account me = sign_up(email);
    auto res = post(person_path(me, "/regimen"), &me,
                    {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}});
    EXPECT_TRUE(res && res->status == 201);
    return me;
  }

  json band(const Account& a, double* ms = nullptr, const json& options = kBandOptions) const {
    const auto started = std::chrono::steady_clock::now();
    auto res = post(person_path(a, "/plans/preview/band"), &a, options);
    const std::chrono::duration<double, std::milli> took =
        std::chrono::steady_clock::now() - started;
    if (ms) *ms = took.count();
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, 200) << res->body;
    return json::parse(res->body);
  }

  // The mean over the days of p95 - p5 (the 90% band's width) of one series.
  static double mean_width(const json& answer, const char* series) {
    const json& s = answer.at(series);
    double sum = 0;
    for (std::size_t d = 0; d < s.at("p5").size(); ++d) {
      sum += s.at("p95")[d].get<double>() - s.at("p5")[d].get<double>();
    }
    return sum / static_cast<double>(s.at("p5").size());
  }
};

TEST_F(PlanBandRoute, DailyPercentilesAroundTheOwnCurveForEveryDayOfThePreview) {
  const Account me = person_with_regimen("band@example.org");
  double ms = 0;
  const json answer = band(me, &ms);
  std::printf("[ figure ] POST /plans/preview/band, 1,000 people: %.0f ms\n", ms);
  EXPECT_EQ(answer.at("people"), 1000);
  EXPECT_EQ(answer.at("spread"), "population");
  EXPECT_TRUE(answer.at("fit_observations").is_null());

  // The same days as the preview of the same plan.
  auto preview = post(person_path(me, "/plans/preview"), &me, kBandOptions);
  ASSERT_EQ(preview->status, 200) << preview->body;
  const json series = json::parse(preview->body).at("series");
  EXPECT_EQ(answer.at("day"), series.at("day"));
  EXPECT_EQ(answer.at("date"), series.at("date"));
  EXPECT_EQ(answer.at("date").front(), kToday);

  const std::size_t days = answer.at("day").size();
  ASSERT_GT(days, 100U);
  for (const char* name : kSeries) {
    const json& s = answer.at(name);
    for (const char* key : {"own", "p5", "p25", "p50", "p75", "p95"}) {
      ASSERT_EQ(s.at(key).size(), days) << name << "." << key;
    }
    int own_inside = 0;
    for (std::size_t d = 0; d < days; ++d) {
      const double p5 = s.at("p5")[d];
      const double p25 = s.at("p25")[d];
      const double p50 = s.at("p50")[d];
      const double p75 = s.at("p75")[d];
      const double p95 = s.at("p95")[d];
      const double own = s.at("own")[d];
      EXPECT_TRUE(0 <= p5 && p5 <= p25 && p25 <= p50 && p50 <= p75 && p75 <= p95 &&
                  p95 <= 1 + kRelative + kRounding)
          << name << " day " << d << ": " << p5 << " " << p25 << " " << p50 << " " << p75 << " "
          << p95;
      if (p5 * (1 - kRelative) - kRounding <= own && own <= p95 * (1 + kRelative) + kRounding) {
        ++own_inside;
      }
    }
    // The person's own curve is the centre the people spread around: inside the 90% band.
    EXPECT_EQ(own_inside, static_cast<int>(days)) << name;
  }
  // Adaptation remaining starts at 1 for everyone (R = T / T at day 0) and spreads as it unwinds;
  // withdrawal pressure spreads from the first cut.
  const json& r = answer.at("adaptation_remaining");
  EXPECT_NEAR(r.at("own")[0].get<double>(), 1.0, kRounding);
  EXPECT_NEAR(r.at("p5")[0].get<double>(), 1.0, kRelative + kRounding);
  EXPECT_NEAR(r.at("p95")[0].get<double>(), 1.0, kRelative + kRounding);
  EXPECT_GT(mean_width(answer, "adaptation_remaining"), 0.05);
  EXPECT_GT(mean_width(answer, "withdrawal_peak"), 0.0);
}

TEST_F(PlanBandRoute, TheSameBandOnEveryCall) {
  const Account me = person_with_regimen("same@example.org");
  const json first = band(me);
  const json second = band(me);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.at("seed"), second.at("seed"));
}

TEST_F(PlanBandRoute, NarrowerOnceCheckInsGiveThePersonalModelAFit) {
  const Account without = person_with_plan("population@example.org");
  const Account with = person_with_plan("fitted@example.org");
  write_check_ins(with);
  // Back up to the previous step first, as a person who found the last steep cut too much: a
  // further cut now would break the rate cap.
  auto plans = get(person_path(with, "/plans"), &with);
  ASSERT_TRUE(plans && plans->status == 200);
  json options = kBandOptions;
  options["go_back_to_step"] =
      json::parse(plans->body).at("dose_in_force").at("step").get<int>() - 1;
  options["go_back_reason"] = "The last cut was too much.";
  const json population = band(without, nullptr, options);
  double ms = 0;
  const json personal = band(with, &ms, options);
  std::printf("[ figure ] POST /plans/preview/band with a personal fit: %.0f ms\n", ms);
  EXPECT_EQ(population.at("spread"), "population");
  EXPECT_EQ(personal.at("spread"), "personal");
  EXPECT_GE(personal.at("fit_observations").get<int>(), 14);
  EXPECT_EQ(personal.at("day"), population.at("day"));
  for (const char* name : kSeries) {
    const double wide = mean_width(population, name);
    const double narrow = mean_width(personal, name);
    std::printf("[ figure ] %s: mean 90%% band width %.4f without a fit, %.4f with one\n", name,
                wide, narrow);
    EXPECT_LT(narrow, wide) << name;
  }
}

TEST_F(PlanBandRoute, RefusesWhatThePreviewRefuses) {
  const Account me = person_with_plan("refused@example.org");
  auto res = post(person_path(me, "/plans/preview/band"), &me, {{"strategy", "sideways"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  // A 10% cut today, within 14 days of the plan's last 25% cut: the rate cap, as the preview says.
  res = post(person_path(me, "/plans/preview/band"), &me, kBandOptions);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_NE(res->body.find("rate cap"), std::string::npos) << res->body;
  const Account other = sign_up("other@example.org");
  res = post(person_path(other, "/plans/preview/band"), &me, kBandOptions);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404) << res->body;
}

}  // namespace
}  // namespace taperlab::server::testing
