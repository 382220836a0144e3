// Behind a reverse proxy over real HTTP (`serve --trust-proxy`, src/server/forwarded.*): a trusted
// proxy's X-Forwarded-For/-Proto or Forwarded headers make the request https (a Secure cookie,
// Strict-Transport-Security) and name the client whose failed sign-ins are counted; from a peer
// that is not trusted the same headers change nothing. The test's client is 127.0.0.1, standing in
// for the proxy. tests/integration/proxy/ runs the same through a real nginx ending TLS.
#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

const httplib::Headers kForwardedHttps{{"X-Forwarded-For", "198.51.100.7"},
                                       {"X-Forwarded-Proto", "https"}};

bool secure(const std::string& set_cookie) {
  return set_cookie.find("; Secure") != std::string::npos;
}

class TrustedProxy : public ServerFixture {
 protected:
  void configure(ServerLimits& limits) override {
    limits.trusted_proxies = TrustedProxies({AddressRange::parse("127.0.0.0/8").value()});
    limits.failed_sign_ins_per_address = 3;
  }

  httplib::Result sign_in(const std::string& email, const std::string& password,
                          const httplib::Headers& headers) const {
    auto c = client();
    return c.Post("/api/v1/auth/signin", headers,
                  json{{"email", email}, {"password", password}}.dump(), "application/json");
  }
};

class UntrustedPeer : public TrustedProxy {
 protected:
  void configure(ServerLimits& limits) override {
    limits.trusted_proxies = TrustedProxies({AddressRange::parse("192.0.2.1").value()});
  }
};

class NoHsts : public TrustedProxy {
 protected:
  void configure(ServerLimits& limits) override {
    TrustedProxy::configure(limits);
    limits.hsts_max_age_s = 0;
  }
};

TEST_F(TrustedProxy, HttpsFromTheProxyGivesASecureCookieAndHsts) {
  sign_up("proxied@example.org");
  auto res = sign_in("proxied@example.org", kPassword, kForwardedHttps);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_TRUE(secure(cookie)) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_EQ(res->get_header_value("Strict-Transport-Security"), "max-age=31536000");

  // Signing out over https: the cleared cookie is Secure as well.
  auto c = client();
  const json doc = json::parse(res->body);
  httplib::Headers signed_in = kForwardedHttps;
  signed_in.emplace("Cookie", cookie_pair(cookie));
  signed_in.emplace("X-CSRF-Token", doc.at("csrf_token").get<std::string>());
  auto out = c.Post("/api/v1/auth/signout", signed_in, "", "application/json");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204) << out->body;
  EXPECT_TRUE(secure(out->get_header_value("Set-Cookie"))) << out->get_header_value("Set-Cookie");
  EXPECT_EQ(out->get_header_value("Strict-Transport-Security"), "max-age=31536000");
}

TEST_F(TrustedProxy, Rfc7239ForwardedWorksToo) {
  sign_up("rfc7239@example.org");
  auto res = sign_in("rfc7239@example.org", kPassword,
                     {{"Forwarded", "for=\"[2001:db8::7]:4711\";proto=https"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(secure(res->get_header_value("Set-Cookie")));
  EXPECT_EQ(res->get_header_value("Strict-Transport-Security"), "max-age=31536000");
}

TEST_F(TrustedProxy, PlainHttpFromTheProxyIsNotSecure) {
  sign_up("plain@example.org");  // the fixture's requests name no protocol: http
  auto res = sign_in("plain@example.org", kPassword,
                     {{"X-Forwarded-For", "198.51.100.7"}, {"X-Forwarded-Proto", "http"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_FALSE(secure(res->get_header_value("Set-Cookie")));
  EXPECT_FALSE(res->has_header("Strict-Transport-Security"));
}

TEST_F(TrustedProxy, FailedSignInsCountTheForwardedClientNotTheProxy) {
  // 3 failures per address (configure): the client at .7 is stopped, the one at .8 behind the
  // same proxy is not.
  for (int i = 0; i < 3; ++i) {
    sign_up("victim" + std::to_string(i) + "@example.org");
  }
  const httplib::Headers from_7{{"X-Forwarded-For", "198.51.100.7"}};
  const httplib::Headers from_8{{"X-Forwarded-For", "198.51.100.8"}};
  for (int i = 0; i < 3; ++i) {
    auto res = sign_in("victim" + std::to_string(i) + "@example.org", "wrong-password-x", from_7);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << res->body;
  }
  auto blocked = sign_in("victim0@example.org", kPassword, from_7);
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 429) << blocked->body;
  auto other = sign_in("victim1@example.org", kPassword, from_8);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200) << other->body;
}

TEST_F(UntrustedPeer, ForgedHeadersChangeNothing) {
  sign_up("forged@example.org");
  auto res = sign_in("forged@example.org", kPassword,
                     {{"X-Forwarded-For", "198.51.100.7"},
                      {"X-Forwarded-Proto", "https"},
                      {"Forwarded", "for=198.51.100.7;proto=https"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_FALSE(secure(res->get_header_value("Set-Cookie")));
  EXPECT_FALSE(res->has_header("Strict-Transport-Security"));
}

TEST_F(NoHsts, HstsMaxAgeZeroSendsNone) {
  sign_up("nohsts@example.org");
  auto res = sign_in("nohsts@example.org", kPassword, kForwardedHttps);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(secure(res->get_header_value("Set-Cookie")));
  EXPECT_FALSE(res->has_header("Strict-Transport-Security"));
}

}  // namespace
}  // namespace taperlab::server::testing
