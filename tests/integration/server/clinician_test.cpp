// Clinicians over HTTP (docs/api.md, clinicians): linking with a one-time code, what a linked
// clinician may read and not write, the person's access log, unlinking, and reviews of holds.
#include "clinician_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ClinicianApi : public ClinicianFixture {};

TEST_F(ClinicianApi, ALinkedClinicianReadsThePersonAndEveryReadIsInTheAccessLog) {
  const Account sam = person_with_plan("sam@example.org");
  const Account lee = clinician("lee@clinic.example", "Dr Lee");

  EXPECT_EQ(get(person_path(sam, "/today"), &lee)->status, 404);  // not linked yet
  auto code = post(person_path(sam, "/clinician-links/codes"), &sam, json::object());
  ASSERT_EQ(code->status, 201) << code->body;
  const json issued = body_of(code);
  EXPECT_EQ(issued["valid_days"], 7);
  EXPECT_EQ(issued["expires_at"], "2026-03-08T09:00:00Z");
  const std::string typed = issued["code"];
  EXPECT_EQ(typed.size(), 19u) << typed;  // XXXX-XXXX-XXXX-XXXX

  // Typed by hand: lower case, without dashes.
  std::string sloppy;
  for (char c : typed) {
    if (c != '-') sloppy += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto redeemed = post("/api/v1/clinician/links", &lee, {{"code", sloppy}});
  ASSERT_EQ(redeemed->status, 201) << redeemed->body;
  EXPECT_EQ(body_of(redeemed)["person_id"], sam.person_id);
  // Single use.
  EXPECT_EQ(post("/api/v1/clinician/links", &lee, {{"code", typed}})->status, 422);

  for (const char* rest :
       {"", "/today", "/status", "/progress", "/insights", "/plans", "/check-ins",
        "/questionnaires", "/decisions", "/doses", "/export?format=json"}) {
    auto res = get(person_path(sam, rest), &lee);
    EXPECT_EQ(res->status, 200) << rest << ": " << res->body.substr(0, 200);
  }
  // The person's own writes are theirs.
  EXPECT_EQ(post(person_path(sam, "/check-ins"), &lee, {{"symptoms", {{"anxiety", 1}}}})->status,
            403);
  EXPECT_EQ(post(person_path(sam, "/doses"), &lee, {{"planned_time", "08:00"}})->status, 403);
  EXPECT_EQ(call("DELETE", person_path(sam), &lee)->status, 403);
  // The person's links, access log and calendar address are theirs alone.
  EXPECT_EQ(get(person_path(sam, "/access-log"), &lee)->status, 403);
  EXPECT_EQ(get(person_path(sam, "/calendar-subscription"), &lee)->status, 403);
  // A clinician has no journal of their own.
  EXPECT_EQ(get(person_path(lee, "/today"), &lee)->status, 404);

  auto clinicians = body_of(get(person_path(sam, "/clinician-links"), &sam));
  ASSERT_EQ(clinicians["clinicians"].size(), 1u) << clinicians;
  EXPECT_EQ(clinicians["clinicians"][0]["name"], "Dr Lee");
  EXPECT_EQ(clinicians["clinicians"][0]["email"], "lee@clinic.example");

  const json log = body_of(get(person_path(sam, "/access-log"), &sam));
  int views = 0;
  bool saw_today = false;
  for (const auto& e : log["entries"]) {
    EXPECT_EQ(e["clinician"]["name"], "Dr Lee");
    if (e["action"] == "view") ++views;
    if (e["what"] == "GET /api/v1/people/{person_id}/today") saw_today = true;
  }
  EXPECT_EQ(views, 11) << log.dump();  // one per successful read above, none for refusals
  EXPECT_TRUE(saw_today);
  EXPECT_EQ(log["entries"][0]["action"], "link");
}

TEST_F(ClinicianApi, APersonUnlinksAndTheClinicianLosesThemAtOnce) {
  const Account sam = person_with_plan("sam@example.org");
  const Account lee = clinician("lee@clinic.example");
  link(sam, lee);
  ASSERT_EQ(get(person_path(sam, "/today"), &lee)->status, 200);
  const std::string clinician_id =
      std::to_string(body_of(get(person_path(sam, "/clinician-links"), &sam))["clinicians"][0]["id"]
                         .get<std::int64_t>());
  EXPECT_EQ(call("DELETE", person_path(sam, "/clinician-links/" + clinician_id), &sam)->status,
            204);
  EXPECT_EQ(call("DELETE", person_path(sam, "/clinician-links/" + clinician_id), &sam)->status,
            404);
  EXPECT_EQ(get(person_path(sam, "/today"), &lee)->status, 404);
  EXPECT_TRUE(body_of(get("/api/v1/clinician/dashboard", &lee))["people"].empty());
}

TEST_F(ClinicianApi, APersonNeverReachesAClinicianRoute) {
  const Account sam = person_with_plan("sam@example.org");
  const Account kim = person_with_plan("kim@example.org");
  EXPECT_EQ(get("/api/v1/clinician/dashboard", &sam)->status, 403);
  EXPECT_EQ(post("/api/v1/clinician/links", &sam, {{"code", link_code(kim)}})->status, 403);
  const RecordId hold = store_hold(sam, kToday);
  EXPECT_EQ(post(person_path(sam, "/decisions/" + std::to_string(hold) + "/review"), &sam,
                 {{"action", "approve"}})
                ->status,
            403);
}

TEST_F(ClinicianApi, WrongCodesAreRateLimitedLikeSignIns) {
  const Account lee = clinician("lee@clinic.example");
  int refused = 0;
  for (int i = 0; i < 8; ++i) {
    auto res = post("/api/v1/clinician/links", &lee, {{"code", "AAAA-BBBB-CCCC-DDDD"}});
    if (res->status == 429)
      ++refused;
    else
      EXPECT_EQ(res->status, 422) << res->body;
  }
  EXPECT_EQ(refused, 3);  // 5 tries in 15 minutes per account
  EXPECT_EQ(post("/api/v1/clinician/links", &lee, {{"code", "not a code"}})->status, 429);
}

TEST_F(ClinicianApi, SignUpAsAClinicianKeepsTheAnswerThatHidesWhoHasAnAccount) {
  (void)sign_up("sam@example.org");
  auto taken = post("/api/v1/auth/signup", nullptr,
                    {{"email", "sam@example.org"}, {"password", kPassword}, {"role", "clinician"}});
  auto fresh = post("/api/v1/auth/signup", nullptr,
                    {{"email", "new@example.org"}, {"password", kPassword}, {"role", "clinician"}});
  EXPECT_EQ(taken->status, 202);
  EXPECT_EQ(fresh->status, 202);
  EXPECT_EQ(taken->body, fresh->body);
  EXPECT_EQ(post("/api/v1/auth/signup", nullptr,
                 {{"email", "x@example.org"}, {"password", kPassword}, {"role", "admin"}})
                ->status,
            422);
}

TEST_F(ClinicianApi, AClinicianApprovesAHoldOnceAndThePersonSeesIt) {
  const Account sam = person_with_plan("sam@example.org");
  const Account lee = clinician("lee@clinic.example");
  const Account kay = clinician("kay@clinic.example", "Dr Kay");
  link(sam, lee);
  const RecordId hold = store_hold(sam, kToday);
  const std::string path = person_path(sam, "/decisions/" + std::to_string(hold) + "/review");

  EXPECT_EQ(post(path, &kay, {{"action", "approve"}})->status, 404);  // not linked
  auto res = post(path, &lee, {{"action", "approve"}, {"reason", "Agreed: two more weeks."}});
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(body_of(res)["review"]["action"], "approve");
  EXPECT_TRUE(body_of(res)["plan_version"].is_null());
  EXPECT_EQ(post(path, &lee, {{"action", "approve"}})->status, 409);  // once

  const json decisions = body_of(get(person_path(sam, "/decisions"), &sam));
  ASSERT_EQ(decisions["decisions"].size(), 1u);
  EXPECT_EQ(decisions["decisions"][0]["review"]["reason"], "Agreed: two more weeks.");
  bool audited = false;
  const json log = body_of(get(person_path(sam, "/access-log"), &sam));
  for (const auto& e : log["entries"]) {
    if (e["action"] == "review") audited = true;
  }
  EXPECT_TRUE(audited) << log.dump();
}

TEST_F(ClinicianApi, AnEditIsCheckedAgainstTheSafetyRulesAndAnOverrideNeedsAReason) {
  const Account sam = person_with_plan("sam@example.org");
  const Account lee = clinician("lee@clinic.example");
  link(sam, lee);
  const RecordId hold = store_hold(sam, kToday);
  const std::string path = person_path(sam, "/decisions/" + std::to_string(hold) + "/review");
  const int versions_before =
      static_cast<int>(body_of(get(person_path(sam, "/plans"), &sam))["versions"].size());

  // Faster than the guideline's cap (25% in 14 days): refused without an override.
  auto fast = post(path, &lee,
                   {{"action", "edit"}, {"reason", "Doing well"}, {"cut", "40%"}, {"every", "7d"}});
  EXPECT_EQ(fast->status, 422) << fast->body;
  // An override raises the cap to the clinician's max_cut, and no further.
  auto above = post(path, &lee,
                    {{"action", "edit"},
                     {"reason", "Doing well"},
                     {"cut", "40%"},
                     {"every", "14d"},
                     {"override_reason", "the person asks"},
                     {"max_cut", "30%"}});
  EXPECT_EQ(above->status, 422) << above->body;
  EXPECT_EQ(post(path, &lee, {{"action", "edit"}, {"cut", "5%"}, {"every", "21d"}})->status,
            422);  // an edit says why
  EXPECT_EQ(static_cast<int>(body_of(get(person_path(sam, "/plans"), &sam))["versions"].size()),
            versions_before);  // nothing stored by a refusal

  auto slower = post(path, &lee,
                     {{"action", "edit"},
                      {"reason", "Smaller cuts while sleep settles."},
                      {"hold_days", 21},
                      {"cut", "5%"},
                      {"every", "21d"}});
  ASSERT_EQ(slower->status, 201) << slower->body;
  const json edited = body_of(slower);
  EXPECT_EQ(edited["review"]["action"], "edit");
  EXPECT_FALSE(edited["review"]["overrides_rate_cap"].get<bool>());
  const std::string reason = edited["plan_version"]["reason"];
  EXPECT_NE(reason.find("Smaller cuts while sleep settles."), std::string::npos) << reason;
  EXPECT_NE(reason.find("each cut is 5%"), std::string::npos) << reason;
  // The person's plan in force is the clinician's, from the day after the decision.
  const json plans = body_of(get(person_path(sam, "/plans"), &sam));
  EXPECT_EQ(plans["versions"].size(), static_cast<std::size_t>(versions_before + 1));
}

TEST_F(ClinicianApi, AnOverrideRelaxesTheRateCapUpToTheHardCeilingOnly) {
  const Account sam = person_with_plan("sam@example.org");
  const Account lee = clinician("lee@clinic.example");
  link(sam, lee);
  const RecordId hold = store_hold(sam, kToday);
  const std::string path = person_path(sam, "/decisions/" + std::to_string(hold) + "/review");
  const auto versions = [&] {
    return body_of(get(person_path(sam, "/plans"), &sam))["versions"].size();
  };
  const std::size_t before = versions();
  // Half the daily dose within 14 days is the most an override allows (kMostOverrideCutFraction,
  // core/plan/safety_rules.hpp): 99% or 51% is refused at max_cut, whatever the reason.
  for (const char* max_cut : {"99%", "51%"}) {
    auto res = post(path, &lee,
                    {{"action", "edit"},
                     {"reason", "Fast, at the person's wish."},
                     {"cut", "45%"},
                     {"every", "14d"},
                     {"override_reason", "the person asks"},
                     {"max_cut", max_cut}});
    ASSERT_EQ(res->status, 422) << max_cut << ": " << res->body;
    const json problem = body_of(res);
    EXPECT_EQ(problem.at("errors").at(0).at("field"), "max_cut") << problem.dump();
    EXPECT_NE(problem.dump().find("at most 50% within 14 days"), std::string::npos)
        << problem.dump();
  }
  EXPECT_EQ(versions(), before);  // nothing stored by a refusal
}

TEST_F(ClinicianApi, ARateCapOverrideWithAReasonIsStoredAndAudited) {
  const Account sam = person_with_plan("sam@example.org");
  const Account lee = clinician("lee@clinic.example");
  link(sam, lee);
  const RecordId hold = store_hold(sam, kToday);
  const std::string path = person_path(sam, "/decisions/" + std::to_string(hold) + "/review");
  EXPECT_EQ(post(path, &lee,
                 {{"action", "edit"},
                  {"reason", "x"},
                  {"cut", "30%"},
                  {"every", "14d"},
                  {"max_cut", "30%"}})
                ->status,
            422);  // max_cut without a reason
  auto res = post(path, &lee,
                  {{"action", "edit"},
                   {"reason", "Short course; agreed at the visit."},
                   {"cut", "30%"},
                   {"every", "14d"},
                   {"override_reason", "took it for 5 weeks only"},
                   {"max_cut", "30%"}});
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_TRUE(body_of(res)["review"]["overrides_rate_cap"].get<bool>());
  bool audited = false;
  const json log = body_of(get(person_path(sam, "/access-log"), &sam));
  for (const auto& e : log["entries"]) {
    if (e["action"] == "review" &&
        e["what"].get<std::string>().find("rate cap overridden") != std::string::npos) {
      audited = true;
    }
  }
  EXPECT_TRUE(audited) << log.dump();
}

}  // namespace
}  // namespace taperlab::server::testing
