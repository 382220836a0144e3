// Accounts over real HTTP: sign-up, sign-in, sign-out and the session, the cookie's attributes,
// the sign-in rate limit and the CSRF token on state-changing requests (the limits under
// concurrency and across accounts: sign_in_limits_test.cpp).
#include <gtest/gtest.h>

#include "auth/tokens.hpp"
#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ServerAuth : public ServerFixture {};

TEST_F(ServerAuth, SignUpSignInSessionAndSignOut) {
  const Account a = sign_up("sam@example.org");
  EXPECT_GT(a.person_id, 0);
  EXPECT_FALSE(a.csrf.empty());

  auto session = get("/api/v1/auth/session", &a);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->status, 200);
  EXPECT_EQ(body_of(session).at("person_id"), a.person_id);
  EXPECT_EQ(body_of(session).at("user").at("email"), "sam@example.org");

  // Emails are compared without case or surrounding blanks.
  auto in = post("/api/v1/auth/signin", nullptr,
                 {{"email", " SAM@example.org "}, {"password", kPassword}});
  ASSERT_TRUE(in);
  EXPECT_EQ(in->status, 200);
  const json doc = body_of(in);
  EXPECT_EQ(doc.at("person_id"), a.person_id);
  const Account second{a.email, a.person_id, cookie_pair(in->get_header_value("Set-Cookie")),
                       doc.at("csrf_token").get<std::string>()};
  EXPECT_NE(second.cookie, a.cookie);

  auto out = call("POST", "/api/v1/auth/signout", &second);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(get("/api/v1/auth/session", &second)->status, 401);
  // Signing out one session leaves the other.
  EXPECT_EQ(get("/api/v1/auth/session", &a)->status, 200);
}

TEST_F(ServerAuth, TheSessionCookieIsHttpOnlyStrictAndSiteWide) {
  sign_up("kim@example.org");
  auto res =
      post("/api/v1/auth/signin", nullptr, {{"email", "kim@example.org"}, {"password", kPassword}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("taperlab_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  // Not served over TLS here, so no Secure flag (it would stop the browser sending it).
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
}

// Sign-up does not tell a taken address from a new one: the same status and body, no session
// either way, and the existing account is left as it was (its password still works, the new one
// does not, and no second person was made).
TEST_F(ServerAuth, SignUpAnswersTheSameForATakenAddress) {
  const json fresh_body = {{"email", "new@example.org"}, {"password", kPassword}};
  auto fresh = post("/api/v1/auth/signup", nullptr, fresh_body);
  const Account sam = sign_up("sam@example.org");
  auto taken = post("/api/v1/auth/signup", nullptr,
                    {{"email", "Sam@Example.org"},
                     {"password", "another-long-password"},
                     {"name", "Mallory"},
                     {"country", "US"}});
  ASSERT_TRUE(fresh);
  ASSERT_TRUE(taken);
  EXPECT_EQ(fresh->status, 202);
  EXPECT_EQ(taken->status, fresh->status);
  EXPECT_EQ(taken->body, fresh->body);
  EXPECT_EQ(body_of(taken).at("message"),
            "If this address is new, your account is ready; otherwise sign in.");
  EXPECT_EQ(taken->get_header_value("Content-Type"), fresh->get_header_value("Content-Type"));
  EXPECT_FALSE(fresh->has_header("Set-Cookie"));
  EXPECT_FALSE(taken->has_header("Set-Cookie"));

  EXPECT_EQ(post("/api/v1/auth/signin", nullptr,
                 {{"email", "sam@example.org"}, {"password", "another-long-password"}})
                ->status,
            401);
  auto right =
      post("/api/v1/auth/signin", nullptr, {{"email", "sam@example.org"}, {"password", kPassword}});
  ASSERT_TRUE(right);
  ASSERT_EQ(right->status, 200);
  EXPECT_EQ(body_of(right).at("person_id"), sam.person_id);
  const json person = body_of(get(person_path(sam), &sam));
  EXPECT_EQ(person.at("name"), "") << person;
  EXPECT_EQ(person.at("profile").at("country"), "GB") << person;
  // The new address's account exists and signs in.
  EXPECT_EQ(post("/api/v1/auth/signin", nullptr, fresh_body)->status, 200);
}

TEST_F(ServerAuth, ShortPasswordNamesThePasswordField) {
  auto res =
      post("/api/v1/auth/signup", nullptr, {{"email", "sam@example.org"}, {"password", "short"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const json doc = body_of(res);
  ASSERT_FALSE(doc.at("errors").empty()) << res->body;
  EXPECT_EQ(doc.at("errors")[0].at("field"), "password");
  EXPECT_EQ(doc.at("type"), "https://taperlab.org/problems/validation");
}

// The country decides which crisis lines a person sees, so sign-up takes it.
TEST_F(ServerAuth, SignUpStoresTheCountryForCrisisLines) {
  const Account a = sign_up("kim@example.org", kPassword, "gb");
  auto person = get(person_path(a), &a);
  ASSERT_TRUE(person);
  EXPECT_EQ(body_of(person).at("profile").at("country"), "GB") << person->body;

  auto bad = post("/api/v1/auth/signup", nullptr,
                  {{"email", "lee@example.org"}, {"password", kPassword}, {"country", "G1"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(body_of(bad).at("errors")[0].at("field"), "country");
}

TEST_F(ServerAuth, WrongPasswordIsUnauthorizedWithoutACookie) {
  sign_up("sam@example.org");
  auto res = post("/api/v1/auth/signin", nullptr,
                  {{"email", "sam@example.org"}, {"password", "wrong-password-1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_FALSE(res->has_header("Set-Cookie"));
  // An unknown email answers the same, so addresses cannot be probed.
  auto unknown = post("/api/v1/auth/signin", nullptr,
                      {{"email", "nobody@example.org"}, {"password", "wrong-password-1"}});
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(body_of(unknown).at("detail"), body_of(res).at("detail"));
}

TEST_F(ServerAuth, SixthFailedSignInInTheWindowIsRateLimited) {
  sign_up("sam@example.org");
  const json wrong = {{"email", "sam@example.org"}, {"password", "wrong-password-1"}};
  for (int i = 1; i <= 5; ++i) {
    auto res = post("/api/v1/auth/signin", nullptr, wrong);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << "attempt " << i;
  }
  auto blocked = post("/api/v1/auth/signin", nullptr, wrong);
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 429);
  ASSERT_TRUE(blocked->has_header("Retry-After"));
  EXPECT_GT(std::stoi(blocked->get_header_value("Retry-After")), 0);
  // Even the right password waits: the clock is pinned, so the window never passes here.
  auto right =
      post("/api/v1/auth/signin", nullptr, {{"email", "sam@example.org"}, {"password", kPassword}});
  EXPECT_EQ(right->status, 429);
}

TEST_F(ServerAuth, TheWindowPassesAndOldAttemptsAreNotKept) {
  sign_up("sam@example.org");
  const json wrong = {{"email", "sam@example.org"}, {"password", "wrong-password-1"}};
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(post("/api/v1/auth/signin", nullptr, wrong)->status, 401);
  EXPECT_EQ(post("/api/v1/auth/signin", nullptr, wrong)->status, 429);

  const std::string sam_key = "email:" + auth::token_hash("sam@example.org");
  const std::string address_key = "address:" + auth::token_hash("127.0.0.1");
  EXPECT_EQ(outside().failed_login_attempts_since(sam_key, "2000-01-01T00:00:00Z"), 5);
  EXPECT_EQ(outside().failed_login_attempts_since(address_key, "2000-01-01T00:00:00Z"), 5);
  // The address is kept only as a hash.
  EXPECT_EQ(outside().failed_login_attempts_since("address:127.0.0.1", "2000-01-01T00:00:00Z"), 0);

  // 15 minutes and a second later the window holds none of them: the right password signs in.
  set_now_utc("2026-03-01T09:15:01Z");
  auto right =
      post("/api/v1/auth/signin", nullptr, {{"email", "sam@example.org"}, {"password", kPassword}});
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 200);

  // Once out of every window (the longest, sign-ups', is an hour), another person's failed
  // attempt removes them from the store.
  set_now_utc("2026-03-01T10:15:02Z");
  const json other = {{"email", "nobody@example.org"}, {"password", "wrong-password-1"}};
  EXPECT_EQ(post("/api/v1/auth/signin", nullptr, other)->status, 401);
  EXPECT_EQ(outside().failed_login_attempts_since(sam_key, "2000-01-01T00:00:00Z"), 0);
  EXPECT_EQ(outside().failed_login_attempts_since(address_key, "2000-01-01T00:00:00Z"), 1);
}

TEST_F(ServerAuth, StateChangingRequestsNeedTheCsrfToken) {
  const Account a = sign_up("sam@example.org");
  const std::string path = person_path(a);
  const std::string body = R"({"name": "Sam"})";

  auto missing = call("PUT", path, &a, body, /*csrf=*/false);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 403);
  EXPECT_EQ(body_of(missing).at("status"), 403);

  Account wrong = a;
  wrong.csrf = std::string(a.csrf.size(), 'x');
  EXPECT_EQ(call("PUT", path, &wrong, body)->status, 403);
  EXPECT_EQ(call("POST", "/api/v1/auth/signout", &wrong)->status, 403);
  EXPECT_EQ(call("POST", person_path(a, "/check-ins"), &a, R"({"mood": 5})", false)->status, 403);
  EXPECT_EQ(call("DELETE", path, &a, "", /*csrf=*/false)->status, 403);
  EXPECT_EQ(get("/api/v1/auth/session", &a)->status, 200) << "a refused sign-out signed out";
  EXPECT_EQ(get(person_path(a, "/check-ins"), &a)->status, 200);
  EXPECT_TRUE(body_of(get(person_path(a, "/check-ins"), &a)).at("check_ins").empty())
      << "a refused check-in was stored";

  // Reading needs no token.
  EXPECT_EQ(call("GET", path, &a, "", /*csrf=*/false)->status, 200);
  // With the token the same change goes through.
  auto ok = call("PUT", path, &a, body);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(body_of(ok).at("name"), "Sam");
}

}  // namespace
}  // namespace taperlab::server::testing
