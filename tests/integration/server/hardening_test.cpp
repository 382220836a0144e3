// What every answer carries and what the server refuses before any route runs: security headers
// on API and static answers, the body size and nesting limits, malformed JSON, unknown routes.
#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ServerHardening : public ServerFixture {};

void expect_security_headers(const httplib::Result& res, const std::string& what) {
  ASSERT_TRUE(res) << what;
  const std::string csp = res->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << what << ": " << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << what << ": " << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << what << ": " << csp;
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_FALSE(res->get_header_value("Referrer-Policy").empty()) << what;
}

// A problem document (RFC 9457) with the given status.
void expect_problem(const httplib::Result& res, int status) {
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, status) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  const json doc = body_of(res);
  ASSERT_TRUE(doc.is_object()) << res->body;
  EXPECT_EQ(doc.at("status"), status);
  EXPECT_TRUE(doc.at("type").is_string());
  EXPECT_TRUE(doc.at("title").is_string());
}

TEST_F(ServerHardening, SecurityHeadersOnApiAndStaticAnswers) {
  expect_security_headers(get("/api/v1/health"), "health");
  expect_security_headers(get("/api/v1/auth/session"), "401 answer");
  expect_security_headers(get("/api/v1/no-such-route"), "404 answer");
  const Account a = sign_up("sam@example.org");
  auto person = get(person_path(a), &a);
  expect_security_headers(person, "person");
  // Health data must not stay in caches.
  EXPECT_EQ(person->get_header_value("Cache-Control"), "no-store");

  auto index = get("/index.html");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("<title>taperlab</title>"), std::string::npos);
  expect_security_headers(index, "static index.html");
  expect_security_headers(get("/"), "static /");
}

TEST_F(ServerHardening, BodyOverOneMebibyteIsRefusedWith413) {
  // Valid JSON, so only its size can be the reason.
  const std::string big =
      R"({"email": "sam@example.org", "password": ")" + std::string((1 << 20) + 1, 'x') + R"("})";
  expect_problem(call("POST", "/api/v1/auth/signup", nullptr, big), 413);
}

TEST_F(ServerHardening, JsonNestedDeeperThanTheLimitIsABadRequest) {
  const std::string deep = R"({"email": )" + std::string(100, '[') + std::string(100, ']') + "}";
  auto res = call("POST", "/api/v1/auth/signup", nullptr, deep);
  expect_problem(res, 400);
  EXPECT_NE(body_of(res).at("detail").get<std::string>().find("nested"), std::string::npos);
}

TEST_F(ServerHardening, MalformedJsonIsABadRequest) {
  expect_problem(call("POST", "/api/v1/auth/signup", nullptr, R"({"email": "sam@)"), 400);
  expect_problem(call("POST", "/api/v1/auth/signin", nullptr, "[1, 2, 3]"), 400);
  const Account a = sign_up("sam@example.org");
  expect_problem(call("POST", person_path(a, "/check-ins"), &a, "{mood: 3}"), 400);
}

TEST_F(ServerHardening, UnknownApiRouteIsANotFoundProblem) {
  expect_problem(get("/api/v1/no-such-route"), 404);
  expect_problem(call("POST", "/api/v2/auth/signin", nullptr, "{}"), 404);
  const Account a = sign_up("sam@example.org");
  // A route's path with a non-numeric id is no person either.
  expect_problem(get("/api/v1/people/abc/today", &a), 404);
}

}  // namespace
}  // namespace taperlab::server::testing
