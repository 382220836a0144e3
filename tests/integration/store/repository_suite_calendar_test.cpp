// The repository contract for calendar subscription tokens (store/repository.hpp), written against
// Repository& only: every adapter instantiating RepositoryTest runs these too.

#include <string>

#include "core/base/error.hpp"
#include "store/repository_suite.hpp"

namespace taperlab::store::testing {
namespace {

CalendarToken token(PersonId person, const std::string& hash, const std::string& at) {
  return CalendarToken{person, hash, at};
}

// 64 hex digits, as auth::token_hash writes them.
const std::string kHashA(64, 'a');
const std::string kHashB(64, 'b');

TEST_P(RepositoryTest, CalendarTokenIsFoundByItsHashAndByItsPerson) {
  const PersonId sam = add_person("Sam");
  const PersonId kim = add_person("Kim");
  EXPECT_FALSE(repo().calendar_token_of(sam).has_value());
  repo().set_calendar_token(token(sam, kHashA, "2026-03-01T09:00:00Z"));

  const auto found = repo().find_calendar_token(kHashA);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->person_id, sam);
  EXPECT_EQ(found->token_hash, kHashA);
  EXPECT_EQ(found->created_at, "2026-03-01T09:00:00Z");
  ASSERT_TRUE(repo().calendar_token_of(sam).has_value());
  EXPECT_EQ(repo().calendar_token_of(sam)->token_hash, kHashA);
  EXPECT_FALSE(repo().calendar_token_of(kim).has_value());
  EXPECT_FALSE(repo().find_calendar_token(kHashB).has_value());
  EXPECT_FALSE(repo().find_calendar_token("").has_value());
  // Durable: another connection to the same data sees it.
  EXPECT_EQ(reopen().find_calendar_token(kHashA)->person_id, sam);
}

TEST_P(RepositoryTest, ANewCalendarTokenReplacesThePersonsOldOne) {
  const PersonId sam = add_person();
  repo().set_calendar_token(token(sam, kHashA, "2026-03-01T09:00:00Z"));
  repo().set_calendar_token(token(sam, kHashB, "2026-03-02T09:00:00Z"));
  EXPECT_FALSE(repo().find_calendar_token(kHashA).has_value());  // the old address is dead
  ASSERT_TRUE(repo().find_calendar_token(kHashB).has_value());
  EXPECT_EQ(repo().calendar_token_of(sam)->created_at, "2026-03-02T09:00:00Z");
}

TEST_P(RepositoryTest, RevokingACalendarTokenIsAuditedWithoutTheHash) {
  const PersonId sam = add_person();
  repo().set_calendar_token(token(sam, kHashA, "2026-03-01T09:00:00Z"));
  repo().delete_calendar_token(sam);
  EXPECT_FALSE(repo().find_calendar_token(kHashA).has_value());
  EXPECT_FALSE(repo().calendar_token_of(sam).has_value());
  EXPECT_NO_THROW(repo().delete_calendar_token(sam));  // twice is fine

  int created = 0;
  int deleted = 0;
  for (const auto& entry : repo().audit_log(sam)) {
    if (entry.entity != "calendar_token") continue;
    if (entry.action == "create") ++created;
    if (entry.action == "delete") ++deleted;
    EXPECT_EQ(entry.detail.find(kHashA), std::string::npos);
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(deleted, 1);  // the second revocation changed nothing and is not an event
}

TEST_P(RepositoryTest, CalendarTokenNeedsAPersonAndGoesWithThem) {
  const PersonId sam = add_person();
  EXPECT_THROW(repo().set_calendar_token(token(sam + 1000, kHashA, "2026-03-01T09:00:00Z")),
               NotFound);
  EXPECT_THROW(repo().set_calendar_token(token(sam, "", "2026-03-01T09:00:00Z")), ValidationError);
  repo().set_calendar_token(token(sam, kHashA, "2026-03-01T09:00:00Z"));
  repo().delete_person(sam);  // "delete my data"
  EXPECT_FALSE(repo().find_calendar_token(kHashA).has_value());
}

TEST_P(RepositoryTest, TwoPeopleCannotShareOneCalendarToken) {
  const PersonId sam = add_person("Sam");
  const PersonId kim = add_person("Kim");
  repo().set_calendar_token(token(sam, kHashA, "2026-03-01T09:00:00Z"));
  EXPECT_THROW(repo().set_calendar_token(token(kim, kHashA, "2026-03-01T09:00:00Z")), StorageError);
  EXPECT_EQ(repo().find_calendar_token(kHashA)->person_id, sam);
}

}  // namespace
}  // namespace taperlab::store::testing
