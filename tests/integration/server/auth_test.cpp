// Accounts over real HTTP: sign-up, sign-in, sign-out and the session, the cookie's attributes,
// the sign-in rate limit and the CSRF token on state-changing requests.
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
  auto res = post("/api/v1/auth/signup", nullptr,
                  {{"email", "kim@example.org"}, {"password", kPassword}, {"name", "Kim"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201);
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("taperlab_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  // Not served over TLS here, so no Secure flag (it would stop the browser sending it).
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
}

TEST_F(ServerAuth, DuplicateEmailIsAConflict) {
  sign_up("sam@example.org");
  auto res = post("/api/v1/auth/signup", nullptr,
                  {{"email", "Sam@Example.org"}, {"password", "another-long-password"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(body_of(res).at("status"), 409);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
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
  auto res = post("/api/v1/auth/signup", nullptr,
                  {{"email", "kim@example.org"}, {"password", kPassword}, {"country", "gb"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const json session = body_of(res);
  const Account a{"kim@example.org", session.at("person_id").get<std::int64_t>(),
                  cookie_pair(res->get_header_value("Set-Cookie")),
                  session.at("csrf_token").get<std::string>()};
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

  // 15 minutes and a second later the window holds none of them; another person's failed
  // attempt then removes them from the store.
  set_now_utc("2026-03-01T09:15:01Z");
  const json other = {{"email", "nobody@example.org"}, {"password", "wrong-password-1"}};
  EXPECT_EQ(post("/api/v1/auth/signin", nullptr, other)->status, 401);
  EXPECT_EQ(outside().failed_login_attempts_since(sam_key, "2000-01-01T00:00:00Z"), 0);
  EXPECT_EQ(outside().failed_login_attempts_since(address_key, "2000-01-01T00:00:00Z"), 1);

  auto right =
      post("/api/v1/auth/signin", nullptr, {{"email", "sam@example.org"}, {"password", kPassword}});
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 200);
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
