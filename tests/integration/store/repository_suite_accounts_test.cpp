// The repository contract for accounts, sessions and sign-in attempts (store/repository.hpp),
// written against Repository& only: every adapter instantiating RepositoryTest runs these too.

#include <nlohmann/json.hpp>
#include <string>

#include "core/base/error.hpp"
#include "store/repository_suite.hpp"

namespace taperlab::store::testing {
namespace {

User user(PersonId person, const std::string& email) {
  User u;
  u.email = email;
  u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA";
  u.person_id = person;
  u.role = "patient";
  u.created_at = "2026-01-01T08:00:00Z";
  return u;
}

AuthSession session(UserId user_id, const std::string& token_hash, const std::string& expires) {
  AuthSession s;
  s.token_hash = token_hash;
  s.user_id = user_id;
  s.csrf_token = "csrf-" + token_hash;
  s.created_at = "2026-01-01T08:00:00Z";
  s.expires_at = expires;
  return s;
}

void expect_same_user(const User& actual, const User& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.email, expected.email);
  EXPECT_EQ(actual.password_hash, expected.password_hash);
  EXPECT_EQ(actual.person_id, expected.person_id);
  EXPECT_EQ(actual.role, expected.role);
  EXPECT_EQ(actual.created_at, expected.created_at);
}

TEST_P(RepositoryTest, UserIsFoundByIdAndByEmailInAnyCase) {
  const PersonId person = add_person();
  User u = user(person, "Sam.Smith@Example.org");
  u.id = repo().add_user(u);
  EXPECT_GT(u.id, 0);

  ASSERT_TRUE(repo().find_user(u.id).has_value());
  expect_same_user(*repo().find_user(u.id), u);
  for (const char* spelling :
       {"Sam.Smith@Example.org", "sam.smith@example.org", "SAM.SMITH@EXAMPLE.ORG"}) {
    const auto found = repo().find_user_by_email(spelling);
    ASSERT_TRUE(found.has_value()) << spelling;
    expect_same_user(*found, u);  // stored as given
  }
  EXPECT_FALSE(repo().find_user_by_email("sam.smith@example.com").has_value());
  EXPECT_FALSE(repo().find_user_by_email("").has_value());
  EXPECT_FALSE(repo().find_user(u.id + 100).has_value());
}

TEST_P(RepositoryTest, TakenEmailIsAConflictWhateverItsCase) {
  const PersonId first = add_person("First");
  const PersonId second = add_person("Second");
  const UserId id = repo().add_user(user(first, "sam@example.org"));
  for (const char* spelling : {"sam@example.org", "SAM@Example.ORG"}) {
    try {
      repo().add_user(user(second, spelling));
      ADD_FAILURE() << "expected Conflict for " << spelling;
    } catch (const Conflict& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.find("sam"), std::string::npos) << message;  // no address in logs
      EXPECT_EQ(message.find("SAM"), std::string::npos) << message;
    }
  }
  EXPECT_EQ(repo().find_user_by_email("sam@example.org")->id, id);
  EXPECT_NO_THROW(repo().add_user(user(second, "sam2@example.org")));
}

TEST_P(RepositoryTest, UserNeedsAnExistingPerson) {
  const PersonId known = add_person();
  EXPECT_THROW(repo().add_user(user(known + 1000, "ghost@example.org")), NotFound);
  EXPECT_FALSE(repo().find_user_by_email("ghost@example.org").has_value());
  User blank = user(known, "");
  EXPECT_THROW(repo().add_user(blank), ValidationError);
}

TEST_P(RepositoryTest, AccountWritesAreAuditedWithoutSecrets) {
  const PersonId person = add_person();
  const UserId id = repo().add_user(user(person, "sam@example.org"));
  repo().add_auth_session(session(id, "hash-a", "2026-01-02T08:00:00Z"));
  repo().delete_auth_session("hash-a");
  repo().delete_auth_session("hash-a");  // gone already: nothing happens, nothing audited
  repo().record_login_attempt("key", "2026-01-01T08:00:00Z", false);

  const auto log = repo().audit_log(person);
  ASSERT_EQ(log.size(), 4u);  // person, user, sign-in, sign-out
  EXPECT_EQ(log[1].action, "create");
  EXPECT_EQ(log[1].entity, "user");
  EXPECT_EQ(log[1].entity_id, id);
  EXPECT_EQ(log[2].action, "sign_in");
  EXPECT_EQ(log[3].action, "sign_out");
  for (const auto& entry : log) {
    for (const char* secret : {"sam", "example", "argon2", "hash-a", "csrf"}) {
      EXPECT_EQ(entry.detail.find(secret), std::string::npos) << entry.detail;
    }
  }
}

TEST_P(RepositoryTest, ASessionIsFoundWithItsUserAndPerson) {
  const PersonId sam = add_person("Sam");
  const PersonId alex = add_person("Alex");
  const UserId sam_user = repo().add_user(user(sam, "sam@example.org"));
  const UserId alex_user = repo().add_user(user(alex, "alex@example.org"));
  repo().add_auth_session(session(sam_user, "hash-sam", "2026-01-01T09:00:00Z"));
  repo().add_auth_session(session(alex_user, "hash-alex", "2026-01-02T09:00:00Z"));

  const auto found = repo().find_signed_in("hash-alex");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->session.token_hash, "hash-alex");
  EXPECT_EQ(found->session.user_id, alex_user);
  EXPECT_EQ(found->session.csrf_token, session(alex_user, "hash-alex", "x").csrf_token);
  EXPECT_EQ(found->session.expires_at, "2026-01-02T09:00:00Z");
  const auto user_alone = repo().find_user(alex_user);
  ASSERT_TRUE(user_alone.has_value());
  EXPECT_EQ(found->user.id, alex_user);
  EXPECT_EQ(found->user.email, user_alone->email);
  EXPECT_EQ(found->user.password_hash, user_alone->password_hash);
  EXPECT_EQ(found->user.person_id, alex);
  EXPECT_EQ(found->user.role, user_alone->role);
  EXPECT_EQ(found->user.created_at, user_alone->created_at);
  const auto person_alone = repo().find_person(alex);
  ASSERT_TRUE(person_alone.has_value());
  EXPECT_EQ(found->person.id, alex);
  EXPECT_EQ(found->person.name, person_alone->name);
  EXPECT_EQ(found->person.created_on, person_alone->created_on);
  EXPECT_EQ(to_json(found->person.profile), to_json(person_alone->profile));
  // Whatever its expiry: the caller compares it with the time now.
  EXPECT_EQ(repo().find_signed_in("hash-sam")->person.id, sam);

  EXPECT_FALSE(repo().find_signed_in("hash-unknown").has_value());
  repo().delete_auth_session("hash-alex");
  EXPECT_FALSE(repo().find_signed_in("hash-alex").has_value());
  // A deleted person takes the account and its sessions along.
  repo().delete_person(sam);
  EXPECT_FALSE(repo().find_signed_in("hash-sam").has_value());
}

TEST_P(RepositoryTest, SessionsAreFoundDeletedAndExpired) {
  const PersonId person = add_person();
  const UserId id = repo().add_user(user(person, "sam@example.org"));
  const AuthSession early = session(id, "hash-early", "2026-01-01T09:00:00Z");
  const AuthSession later = session(id, "hash-later", "2026-01-01T10:00:00Z");
  const AuthSession gone = session(id, "hash-gone", "2026-01-08T08:00:00Z");
  for (const auto& s : {early, later, gone}) repo().add_auth_session(s);

  const auto found = repo().find_auth_session("hash-later");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->token_hash, later.token_hash);
  EXPECT_EQ(found->user_id, id);
  EXPECT_EQ(found->csrf_token, later.csrf_token);
  EXPECT_EQ(found->created_at, later.created_at);
  EXPECT_EQ(found->expires_at, later.expires_at);
  EXPECT_FALSE(repo().find_auth_session("hash-unknown").has_value());

  repo().delete_auth_session("hash-gone");
  EXPECT_FALSE(repo().find_auth_session("hash-gone").has_value());
  EXPECT_TRUE(repo().find_auth_session("hash-early").has_value());
  EXPECT_NO_THROW(repo().delete_auth_session("hash-unknown"));

  // Expired at now: expires_at is the first moment the session is void.
  repo().delete_expired_auth_sessions("2026-01-01T09:00:00Z");
  EXPECT_FALSE(repo().find_auth_session("hash-early").has_value());
  EXPECT_TRUE(repo().find_auth_session("hash-later").has_value());
  repo().delete_expired_auth_sessions("2026-01-01T09:59:59Z");
  EXPECT_TRUE(repo().find_auth_session("hash-later").has_value());
  repo().delete_expired_auth_sessions("2027-01-01T00:00:00Z");
  EXPECT_FALSE(repo().find_auth_session("hash-later").has_value());

  EXPECT_THROW(repo().add_auth_session(session(id + 1000, "hash-orphan", "2026-02-01T00:00:00Z")),
               NotFound);
  EXPECT_FALSE(repo().find_auth_session("hash-orphan").has_value());
}

TEST_P(RepositoryTest, SessionsAreSharedBetweenClients) {
  // Sessions live in the store so that several server processes can serve one browser.
  const PersonId person = add_person();
  const UserId id = repo().add_user(user(person, "sam@example.org"));
  repo().add_auth_session(session(id, "hash-shared", "2026-02-01T00:00:00Z"));
  std::unique_ptr<Repository> second = open_another();
  ASSERT_TRUE(second->find_auth_session("hash-shared").has_value());
  second->delete_auth_session("hash-shared");
  EXPECT_FALSE(repo().find_auth_session("hash-shared").has_value());
}

TEST_P(RepositoryTest, DeletingThePersonRemovesTheAccountAndItsSessions) {
  const PersonId gone = add_person("Gone");
  const PersonId kept = add_person("Kept");
  const UserId gone_user = repo().add_user(user(gone, "gone@example.org"));
  const UserId kept_user = repo().add_user(user(kept, "kept@example.org"));
  repo().add_auth_session(session(gone_user, "hash-gone-1", "2026-02-01T00:00:00Z"));
  repo().add_auth_session(session(gone_user, "hash-gone-2", "2026-02-01T00:00:00Z"));
  repo().add_auth_session(session(kept_user, "hash-kept", "2026-02-01T00:00:00Z"));

  repo().delete_person(gone);
  EXPECT_FALSE(repo().find_user(gone_user).has_value());
  EXPECT_FALSE(repo().find_user_by_email("gone@example.org").has_value());
  EXPECT_FALSE(repo().find_auth_session("hash-gone-1").has_value());
  EXPECT_FALSE(repo().find_auth_session("hash-gone-2").has_value());
  EXPECT_TRUE(repo().find_user(kept_user).has_value());
  EXPECT_TRUE(repo().find_auth_session("hash-kept").has_value());

  // The address is free again: signing up anew is allowed.
  const PersonId again = add_person("Again");
  EXPECT_NO_THROW(repo().add_user(user(again, "GONE@example.org")));
}

TEST_P(RepositoryTest, FailedSignInsAreCountedSinceTheLastSuccess) {
  const std::string key = "key-a";
  auto failed_since = [&](const char* since) {
    return repo().failed_login_attempts_since(key, since);
  };
  EXPECT_EQ(failed_since("2026-01-01T00:00:00Z"), 0);

  repo().record_login_attempt(key, "2026-01-01T08:00:00Z", false);
  repo().record_login_attempt(key, "2026-01-01T08:01:00Z", false);
  repo().record_login_attempt(key, "2026-01-01T08:02:00Z", false);
  repo().record_login_attempt("key-b", "2026-01-01T08:02:00Z", false);  // another key
  EXPECT_EQ(failed_since("2026-01-01T07:50:00Z"), 3);
  EXPECT_EQ(failed_since("2026-01-01T08:01:00Z"), 2);  // the bound is included
  EXPECT_EQ(failed_since("2026-01-01T08:03:00Z"), 0);
  EXPECT_EQ(repo().failed_login_attempts_since("key-b", "2026-01-01T07:50:00Z"), 1);
  EXPECT_EQ(repo().failed_login_attempts_since("key-c", "2026-01-01T07:50:00Z"), 0);

  // A success starts the count again, even within the same second.
  repo().record_login_attempt(key, "2026-01-01T08:03:00Z", false);
  repo().record_login_attempt(key, "2026-01-01T08:03:00Z", true);
  EXPECT_EQ(failed_since("2026-01-01T07:50:00Z"), 0);
  repo().record_login_attempt(key, "2026-01-01T08:03:00Z", false);
  repo().record_login_attempt(key, "2026-01-01T08:04:00Z", false);
  EXPECT_EQ(failed_since("2026-01-01T07:50:00Z"), 2);
  EXPECT_EQ(failed_since("2026-01-01T08:04:00Z"), 1);
  EXPECT_EQ(repo().failed_login_attempts_since("key-b", "2026-01-01T07:50:00Z"), 1);
}

TEST_P(RepositoryTest, OldSignInAttemptsAreDeletedForEveryKey) {
  repo().record_login_attempt("key-a", "2026-01-01T08:00:00Z", false);
  repo().record_login_attempt("key-a", "2026-01-01T08:10:00Z", false);
  repo().record_login_attempt("key-b", "2026-01-01T08:05:00Z", false);
  repo().record_login_attempt("key-b", "2026-01-01T08:10:00Z", true);
  repo().record_login_attempt("key-b", "2026-01-01T08:20:00Z", false);

  // The bound itself is kept: it is still inside a window that starts there.
  repo().delete_login_attempts_before("2026-01-01T08:10:00Z");
  EXPECT_EQ(repo().failed_login_attempts_since("key-a", "2000-01-01T00:00:00Z"), 1);
  // key-b's success at the bound is kept too, so its count still starts after it.
  EXPECT_EQ(repo().failed_login_attempts_since("key-b", "2000-01-01T00:00:00Z"), 1);

  repo().delete_login_attempts_before("2026-01-01T09:00:00Z");
  EXPECT_EQ(repo().failed_login_attempts_since("key-a", "2000-01-01T00:00:00Z"), 0);
  EXPECT_EQ(repo().failed_login_attempts_since("key-b", "2000-01-01T00:00:00Z"), 0);
  EXPECT_THROW(repo().delete_login_attempts_before(""), ValidationError);
}

}  // namespace
}  // namespace taperlab::store::testing
