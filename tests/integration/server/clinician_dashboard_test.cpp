// The clinician's dashboard over HTTP (docs/api.md, clinicians): only linked people, urgent first,
// each row with its step, dose, trend, scores and adherence, every row an audited view; and the
// time it takes for 200 people (printed: a figure, not a timed assertion).
#include <chrono>
#include <cstdio>

#include "clinician_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ClinicianDashboard : public ClinicianFixture {
 protected:
  CheckIn check_in(PersonId person, CivilDate date, int anxiety) {
    CheckIn c;
    c.person_id = person;
    c.date = date;
    for (const auto& symptom : kChecklistSymptoms) c.symptoms[symptom] = 0;
    c.symptoms["anxiety"] = anxiety;
    c.recorded_at = date.to_string() + "T20:00:00Z";
    return c;
  }

  // Another person with the same plan as `model`'s, linked to `doctor` through the store (a
  // sign-up each would spend the test's time on password hashing), with `days` of check-ins up
  // to today and every planned dose of the last week taken.
  PersonId copy_person(const Account& model, UserId doctor, const std::string& name, int days) {
    store::Repository& repo = outside();
    const CivilDate today = parse_civil_date(kToday, "test");
    Person p;
    p.name = name;
    p.created_on = today.plus_days(-30);
    const PersonId id = repo.add_person(p);
    for (auto v : repo.plan_versions(model.person_id)) {
      v.person_id = id;
      v.decision_id.reset();
      repo.add_plan_version(v);
    }
    for (int d = 0; d < days; ++d) repo.add_check_in(check_in(id, today.plus_days(-d), 1));
    const std::string hash(64, static_cast<char>('a' + id % 6));
    repo.add_clinician_link_code({hash + std::to_string(id), id, kNowUtc, "2026-03-08T09:00:00Z"});
    EXPECT_TRUE(repo.redeem_clinician_link_code(hash + std::to_string(id), doctor, kNowUtc));
    return id;
  }
};

TEST_F(ClinicianDashboard, LinkedPeopleOnlyUrgentFirstWithTheirNumbers) {
  const Account sam = person_with_plan("sam@example.org");
  const Account kim = person_with_plan("kim@example.org");
  const Account ada = person_with_plan("ada@example.org");
  const Account lee = clinician("lee@clinic.example");
  link(sam, lee);
  link(kim, lee);
  // Kim reports a red flag today; Sam answers PHQ-9 with 0 for item 9; Ada is not linked.
  auto flagged = post(person_path(kim, "/check-ins"), &kim,
                      {{"symptoms", {{"anxiety", 3}}}, {"red_flags", {"seizure"}}});
  ASSERT_EQ(flagged->status, 201) << flagged->body;
  auto phq9 = post(person_path(sam, "/questionnaires/phq9"), &sam,
                   {{"answers", {1, 1, 1, 1, 0, 0, 0, 0, 0}}});
  ASSERT_EQ(phq9->status, 201) << phq9->body;
  (void)ada;

  const json board = body_of(get("/api/v1/clinician/dashboard", &lee));
  ASSERT_EQ(board["people"].size(), 2u) << board.dump();
  const json& first = board["people"][0];
  const json& second = board["people"][1];
  EXPECT_EQ(first["person_id"], kim.person_id);
  EXPECT_EQ(first["attention"], "urgent");
  EXPECT_EQ(first["reasons"][0], "red-flag");
  EXPECT_EQ(second["person_id"], sam.person_id);
  EXPECT_EQ(second["phq9"]["total"], 4);
  EXPECT_EQ(second["phq9"]["band"], "minimal");
  EXPECT_TRUE(second["gad7"].is_null());
  EXPECT_EQ(second["step"], 1);
  EXPECT_EQ(second["days_on_step"], 1);
  ASSERT_EQ(second["doses"].size(), 1u);
  EXPECT_EQ(second["doses"][0]["drug_id"], "clonazepam");
  EXPECT_NEAR(second["doses"][0]["daily_mg"].get<double>(), 0.9, 1e-9);  // step 1 cuts 10%
  EXPECT_EQ(second["symptom_trend"]["direction"], "not enough data");
  EXPECT_TRUE(second["adherence"]["share"].is_null());  // the plan starts today
  EXPECT_NE(board["note"].get<std::string>().find("prescriber"), std::string::npos);

  // A hold waiting for review comes before people who only missed check-ins.
  const RecordId hold = store_hold(sam, kToday);
  const json after = body_of(get("/api/v1/clinician/dashboard", &lee));
  EXPECT_EQ(after["people"][1]["attention"], "review");
  EXPECT_EQ(after["people"][1]["decisions_to_review"][0], hold);

  // Each row was a view of that person, in their access log; Ada's log has none.
  int sam_views = 0;
  const json log = body_of(get(person_path(sam, "/access-log"), &sam));
  for (const auto& e : log["entries"]) {
    if (e["action"] == "view" && e["what"] == "GET /api/v1/clinician/dashboard") ++sam_views;
  }
  EXPECT_EQ(sam_views, 2) << log.dump();
  EXPECT_TRUE(body_of(get(person_path(ada, "/access-log"), &ada))["entries"].empty());
}

TEST_F(ClinicianDashboard, TwoHundredPeopleLoadQuickly) {
  const Account model = person_with_plan("model@example.org");
  const Account lee = clinician("lee@clinic.example");
  const UserId doctor = outside().find_user_by_email("lee@clinic.example")->id;
  for (int i = 0; i < 200; ++i) copy_person(model, doctor, "Person " + std::to_string(i), i % 15);

  std::vector<double> ms;
  for (int i = 0; i < 6; ++i) {
    const auto start = std::chrono::steady_clock::now();
    auto res = get("/api/v1/clinician/dashboard", &lee);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    ASSERT_EQ(res->status, 200);
    ASSERT_EQ(body_of(res)["people"].size(), 200u);
  }
  // The first load computes every row; later ones reuse the rows whose journals did not change
  // (journal::DashboardRowMemo) and still write 200 audit entries.
  const double cold = ms.front();
  std::vector<double> warm(ms.begin() + 1, ms.end());
  std::sort(warm.begin(), warm.end());
  std::printf(
      "dashboard of 200 people (SQLite, this machine): first load %.1f ms; next 5: median %.1f ms, "
      "max %.1f ms\n",
      cold, warm[2], warm[4]);
  // Generous, for slow and sanitizer builds: a regression to per-person simulation would take
  // tens of seconds.
  EXPECT_LT(cold, 10000.0);
  EXPECT_LT(warm[2], 5000.0);
}

}  // namespace
}  // namespace taperlab::server::testing
