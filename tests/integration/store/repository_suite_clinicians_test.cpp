// The repository contract for clinicians: link codes, links, the audit of a clinician's access
// and decision reviews (store/repository.hpp), written against Repository& only: every adapter
// instantiating RepositoryTest runs these too.

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "core/base/error.hpp"
#include "store/repository_suite.hpp"

namespace taperlab::store::testing {
namespace {

// 64 hex digits, as auth::token_hash writes them.
const std::string kCodeOne(64, 'c');
const std::string kCodeTwo(64, 'd');

UserId add_clinician(Repository& repo, PersonId person, const std::string& email) {
  User u;
  u.email = email;
  u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA";
  u.person_id = person;
  u.role = "clinician";
  u.created_at = "2026-03-01T08:00:00Z";
  return repo.add_user(u);
}

void add_code(Repository& repo, PersonId person, const std::string& hash,
              const std::string& expires) {
  repo.add_clinician_link_code(ClinicianLinkCode{hash, person, "2026-03-01T09:00:00Z", expires});
}

RecordId add_hold(Repository& repo, PersonId person) {
  Decision d;
  d.person_id = person;
  d.date = parse_civil_date("2026-03-02", "test");
  d.kind = DecisionKind::kHold;
  d.step_index = 1;
  d.reason = "symptom score 14 above baseline 6";
  d.evidence = nlohmann::json{{"baseline", 6}};
  d.recorded_at = "2026-03-02T09:00:00Z";
  return repo.add_decision(d);
}

int audit_count(Repository& repo, PersonId person, const std::string& action,
                const std::string& entity) {
  int n = 0;
  for (const auto& e : repo.audit_log(person)) {
    if (e.action == action && e.entity == entity) ++n;
  }
  return n;
}

TEST_P(RepositoryTest, ACodeLinksItsPersonOnceAndOnlyOnce) {
  const PersonId sam = add_person("Sam");
  const UserId lee = add_clinician(repo(), add_person("Dr Lee"), "lee@clinic.example");
  const UserId kay = add_clinician(repo(), add_person("Dr Kay"), "kay@clinic.example");
  add_code(repo(), sam, kCodeOne, "2026-03-08T09:00:00Z");
  EXPECT_FALSE(repo().clinician_linked(lee, sam));

  const auto person = repo().redeem_clinician_link_code(kCodeOne, lee, "2026-03-02T10:00:00Z");
  ASSERT_TRUE(person.has_value());
  EXPECT_EQ(*person, sam);
  EXPECT_TRUE(repo().clinician_linked(lee, sam));
  EXPECT_FALSE(repo().clinician_linked(kay, sam));
  // Single use: a second redeemer, or the same one, gets nothing.
  EXPECT_FALSE(repo().redeem_clinician_link_code(kCodeOne, kay, "2026-03-02T10:01:00Z"));
  EXPECT_FALSE(repo().redeem_clinician_link_code(kCodeOne, lee, "2026-03-02T10:01:00Z"));
  EXPECT_FALSE(repo().clinician_linked(kay, sam));

  const auto links = reopen().clinician_links_of_person(sam);  // durable
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].clinician_id, lee);
  EXPECT_EQ(links[0].person_id, sam);
  EXPECT_EQ(links[0].linked_at, "2026-03-02T10:00:00Z");
  EXPECT_EQ(audit_count(repo(), sam, "create", "clinician_link_code"), 1);
  EXPECT_EQ(audit_count(repo(), sam, "link", "clinician"), 1);
  for (const auto& e : repo().audit_log(sam)) {
    EXPECT_EQ(e.detail.find(kCodeOne), std::string::npos);  // never the hash
  }
}

TEST_P(RepositoryTest, AnExpiredOrUnknownCodeLinksNoOne) {
  const PersonId sam = add_person("Sam");
  const UserId lee = add_clinician(repo(), add_person("Dr Lee"), "lee@clinic.example");
  add_code(repo(), sam, kCodeOne, "2026-03-08T09:00:00Z");
  EXPECT_FALSE(repo().redeem_clinician_link_code(kCodeOne, lee, "2026-03-08T09:00:00Z"));
  EXPECT_FALSE(repo().redeem_clinician_link_code(kCodeTwo, lee, "2026-03-02T09:00:00Z"));
  EXPECT_FALSE(repo().redeem_clinician_link_code("", lee, "2026-03-02T09:00:00Z"));
  EXPECT_FALSE(repo().clinician_linked(lee, sam));
  EXPECT_TRUE(repo().clinician_links_of_person(sam).empty());
  // The code was not spent by the late try: it stays expired, not used (nothing to tell apart
  // for the caller), and an unknown clinician is refused before any code is looked at.
  EXPECT_THROW(repo().redeem_clinician_link_code(kCodeOne, lee + 100, "2026-03-02T09:00:00Z"),
               NotFound);
  EXPECT_THROW(add_code(repo(), sam + 100, kCodeTwo, "2026-03-08T09:00:00Z"), NotFound);
  EXPECT_THROW(add_code(repo(), sam, "", "2026-03-08T09:00:00Z"), ValidationError);
}

TEST_P(RepositoryTest, AClinicianListsOnlyTheirPeopleAndAPersonUnlinks) {
  const PersonId sam = add_person("Sam");
  const PersonId kim = add_person("Kim");
  const PersonId ada = add_person("Ada");
  const UserId lee = add_clinician(repo(), add_person("Dr Lee"), "lee@clinic.example");
  const UserId kay = add_clinician(repo(), add_person("Dr Kay"), "kay@clinic.example");
  add_code(repo(), kim, kCodeOne, "2026-03-08T09:00:00Z");
  add_code(repo(), sam, kCodeTwo, "2026-03-08T09:00:00Z");
  add_code(repo(), ada, std::string(64, 'e'), "2026-03-08T09:00:00Z");
  ASSERT_TRUE(repo().redeem_clinician_link_code(kCodeOne, lee, "2026-03-02T10:00:00Z"));
  ASSERT_TRUE(repo().redeem_clinician_link_code(kCodeTwo, lee, "2026-03-02T11:00:00Z"));
  ASSERT_TRUE(repo().redeem_clinician_link_code(std::string(64, 'e'), kay, "2026-03-02T11:00:00Z"));

  const auto of_lee = repo().clinician_links_of_clinician(lee);
  ASSERT_EQ(of_lee.size(), 2u);
  EXPECT_EQ(of_lee[0].person_id, std::min(sam, kim));  // by person id
  EXPECT_EQ(of_lee[1].person_id, std::max(sam, kim));
  EXPECT_EQ(repo().clinician_links_of_clinician(kay).size(), 1u);

  EXPECT_TRUE(repo().delete_clinician_link(sam, lee));
  EXPECT_FALSE(repo().delete_clinician_link(sam, lee));  // twice: nothing more to do
  EXPECT_FALSE(repo().clinician_linked(lee, sam));
  EXPECT_TRUE(repo().clinician_linked(lee, kim));
  EXPECT_EQ(audit_count(repo(), sam, "unlink", "clinician"), 1);

  // Deleting the person removes their links; deleting the clinician's account removes theirs.
  repo().delete_person(kim);
  EXPECT_TRUE(repo().clinician_links_of_clinician(lee).empty());
  const PersonId kay_person = repo().find_user(kay)->person_id;
  repo().delete_person(kay_person);
  EXPECT_TRUE(repo().clinician_links_of_person(ada).empty());
}

TEST_P(RepositoryTest, AClinicianViewIsAnAuditEntryUnderThePerson) {
  const PersonId sam = add_person("Sam");
  const UserId lee = add_clinician(repo(), add_person("Dr Lee"), "lee@clinic.example");
  repo().record_clinician_access(sam, lee, "view", "GET /api/v1/people/{person_id}/today");
  const auto log = reopen().audit_log(sam);
  ASSERT_FALSE(log.empty());
  const AuditEntry& e = log.back();
  EXPECT_EQ(e.action, "view");
  EXPECT_EQ(e.entity, "clinician");
  EXPECT_EQ(e.entity_id, lee);
  EXPECT_EQ(e.detail, "GET /api/v1/people/{person_id}/today");
  EXPECT_EQ(e.at.size(), 20u) << e.at;  // 2026-03-02T10:00:00Z
  EXPECT_THROW(repo().record_clinician_access(sam + 100, lee, "view", "x"), NotFound);
}

TEST_P(RepositoryTest, AClinicianReadsTheirPeopleWithTheirJournalVersionsTogether) {
  const PersonId sam = add_person("Sam");
  const PersonId kim = add_person("Kim");
  const PersonId ada = add_person("Ada");
  const UserId lee = add_clinician(repo(), add_person("Dr Lee"), "lee@clinic.example");
  EXPECT_TRUE(repo().linked_people_of_clinician(lee).empty());
  add_code(repo(), kim, kCodeOne, "2026-03-08T09:00:00Z");
  add_code(repo(), sam, kCodeTwo, "2026-03-08T09:00:00Z");
  add_code(repo(), ada, std::string(64, 'e'), "2026-03-08T09:00:00Z");
  ASSERT_TRUE(repo().redeem_clinician_link_code(kCodeOne, lee, "2026-03-02T10:00:00Z"));
  ASSERT_TRUE(repo().redeem_clinician_link_code(kCodeTwo, lee, "2026-03-02T11:00:00Z"));
  add_hold(repo(), kim);  // moves Kim's version only

  const auto people = reopen().linked_people_of_clinician(lee);
  ASSERT_EQ(people.size(), 2u);                        // not Ada, who is not linked
  EXPECT_EQ(people[0].person.id, std::min(sam, kim));  // by person id
  EXPECT_EQ(people[1].person.id, std::max(sam, kim));
  for (const auto& p : people) {
    EXPECT_EQ(p.person.name, p.person.id == sam ? "Sam" : "Kim");
    EXPECT_EQ(p.journal_version, repo().journal_version(p.person.id)) << p.person.name;
  }
  const std::int64_t before = repo().journal_version(kim);
  add_hold(repo(), kim);
  for (const auto& p : repo().linked_people_of_clinician(lee)) {
    if (p.person.id == kim) EXPECT_GT(p.journal_version, before);
  }
}

TEST_P(RepositoryTest, ViewsOfSeveralPeopleAreAuditedTogetherOrNotAtAll) {
  const PersonId sam = add_person("Sam");
  const PersonId kim = add_person("Kim");
  const UserId lee = add_clinician(repo(), add_person("Dr Lee"), "lee@clinic.example");
  repo().record_clinician_accesses({kim, sam}, lee, "view", "GET /api/v1/clinician/dashboard");
  for (const PersonId p : {sam, kim}) {
    const auto log = reopen().audit_log(p);
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.back().action, "view");
    EXPECT_EQ(log.back().entity, "clinician");
    EXPECT_EQ(log.back().entity_id, lee);
    EXPECT_EQ(log.back().detail, "GET /api/v1/clinician/dashboard");
  }
  repo().record_clinician_accesses({}, lee, "view", "nothing");  // no one: nothing to record
  // A missing person: NotFound, and no one's entry is kept.
  const int sams = audit_count(repo(), sam, "view", "clinician");
  EXPECT_THROW(repo().record_clinician_accesses({sam, sam + kim + 100}, lee, "view", "x"),
               NotFound);
  EXPECT_EQ(audit_count(reopen(), sam, "view", "clinician"), sams);
}

TEST_P(RepositoryTest, AReviewIsKeptWithItsDecisionAndMovesTheJournalVersion) {
  const PersonId sam = add_person("Sam");
  const PersonId kim = add_person("Kim");
  const UserId lee = add_clinician(repo(), add_person("Dr Lee"), "lee@clinic.example");
  const RecordId hold = add_hold(repo(), sam);
  const std::int64_t before = repo().journal_version(sam);

  DecisionReview r;
  r.person_id = sam;
  r.decision_id = hold;
  r.clinician_id = lee;
  r.action = "approve";
  r.reason = "agreed: hold two more weeks";
  r.reviewed_at = "2026-03-03T09:00:00Z";
  const RecordId id = repo().add_decision_review(r);
  EXPECT_GT(repo().journal_version(sam), before);

  const auto reviews = reopen().decision_reviews(sam);
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].id, id);
  EXPECT_EQ(reviews[0].decision_id, hold);
  EXPECT_EQ(reviews[0].clinician_id, lee);
  EXPECT_EQ(reviews[0].action, "approve");
  EXPECT_EQ(reviews[0].reason, "agreed: hold two more weeks");
  EXPECT_FALSE(reviews[0].plan_version_id.has_value());
  EXPECT_FALSE(reviews[0].overrides_rate_cap);
  EXPECT_EQ(reviews[0].reviewed_at, "2026-03-03T09:00:00Z");
  EXPECT_TRUE(repo().decision_reviews(kim).empty());
  EXPECT_EQ(audit_count(repo(), sam, "create", "decision_review"), 1);

  DecisionReview other = r;
  other.person_id = kim;  // the decision is Sam's
  EXPECT_THROW(repo().add_decision_review(other), NotFound);
  DecisionReview bad = r;
  bad.action = "reject";
  EXPECT_THROW(repo().add_decision_review(bad), ValidationError);
  DecisionReview missing_plan = r;
  missing_plan.action = "edit";
  missing_plan.plan_version_id = 999;
  EXPECT_THROW(repo().add_decision_review(missing_plan), NotFound);

  // The review outlives the clinician's account, without their id.
  repo().delete_person(repo().find_user(lee)->person_id);
  ASSERT_EQ(repo().decision_reviews(sam).size(), 1u);
  EXPECT_EQ(repo().decision_reviews(sam)[0].clinician_id, 0);
}

}  // namespace

}  // namespace taperlab::store::testing
