#pragma once

// Clinicians over the real server: a clinician's account, a person's link code redeemed by it,
// and a hold decision stored the way review_plan stores one (the decision, then the plan version
// it made), so that reviews can be tested without weeks of check-ins.

#include <string>

#include "core/adapt/replan.hpp"
#include "core/journal/plan_view.hpp"
#include "server_fixture.hpp"

namespace taperlab::server::testing {

class ClinicianFixture : public ServerFixture {
 protected:
  Account clinician(const std::string& email, const std::string& name = "Dr Lee") {
    auto res =
        post("/api/v1/auth/signup", nullptr,
             {{"email", email}, {"password", kPassword}, {"role", "clinician"}, {"name", name}});
    EXPECT_EQ(res->status, 202) << res->body;
    res = post("/api/v1/auth/signin", nullptr, {{"email", email}, {"password", kPassword}});
    EXPECT_EQ(res->status, 200) << res->body;
    const json doc = json::parse(res->body);
    EXPECT_EQ(doc["user"]["role"], "clinician");
    return Account{email, doc.at("person_id").get<std::int64_t>(),
                   cookie_pair(res->get_header_value("Set-Cookie")),
                   doc.at("csrf_token").get<std::string>()};
  }

  // A person with a regimen and a saved plan (cut 10% every 14 days).
  Account person_with_plan(const std::string& email) {
    Account a = sign_up(email);
    auto res =
        post(person_path(a, "/regimen"), &a, {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}});
    EXPECT_EQ(res->status, 201) << res->body;
    res = post(person_path(a, "/plans"), &a,
               {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}});
    EXPECT_EQ(res->status, 201) << res->body;
    return a;
  }

  std::string link_code(const Account& person) {
    auto res = post(person_path(person, "/clinician-links/codes"), &person, json::object());
    EXPECT_EQ(res->status, 201) << res->body;
    return body_of(res).value("code", "");
  }

  void link(const Account& person, const Account& doctor) {
    auto res = post("/api/v1/clinician/links", &doctor, {{"code", link_code(person)}});
    ASSERT_EQ(res->status, 201) << res->body;
  }

  // A hold of the step in force on `date`, as review_plan stores it: the decision on plan
  // version 1 and the version it made. Returns the decision's id.
  RecordId store_hold(const Account& person, const std::string& date) {
    store::Repository& repo = outside();
    const auto versions = repo.plan_versions(person.person_id);
    EXPECT_FALSE(versions.empty());
    const PlanVersion& judged = versions.back();
    Decision d;
    d.person_id = person.person_id;
    d.date = parse_civil_date(date, "test");
    d.kind = DecisionKind::kHold;
    d.step_index = 1;
    d.reason = "symptom score 14 above baseline 6";
    d.evidence = json{{"baseline", 6}};
    d.plan_version_id = judged.id;
    d.recorded_at = date + "T09:00:00Z";
    RecordId id = 0;
    repo.transaction([&] {
      id = repo.add_decision(d);
      PlanVersion v;
      v.person_id = person.person_id;
      v.effective_from = d.date.plus_days(1);
      v.reason = "hold: Stay on your current dose for 14 more days";
      v.decision_id = id;
      v.request = judged.request;
      v.plan = adapt::hold_plan(judged.plan, d.date, 14, "held");
      v.recorded_at = d.recorded_at;
      repo.add_plan_version(v);
    });
    return id;
  }
};

}  // namespace taperlab::server::testing
