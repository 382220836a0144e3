// RoutePath: the matcher GET requests of the API take before cpp-httplib's own routing, checked
// against the regular expression each route is also registered with.

#include "server/route_path.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "server/api.hpp"

namespace taperlab::server {
namespace {

using Captures = std::vector<std::string>;

TEST(RoutePath, MatchesSegmentBySegment) {
  const RoutePath today("/api/v1/people/{person_id}/today");
  EXPECT_EQ(today.match("/api/v1/people/42/today"), Captures{"42"});
  EXPECT_EQ(today.match("/api/v1/people/abc/today"), Captures{"abc"});  // the route checks it
  EXPECT_FALSE(today.match("/api/v1/people//today"));
  EXPECT_FALSE(today.match("/api/v1/people/42/today/"));
  EXPECT_FALSE(today.match("/api/v1/people/42/1/today"));
  EXPECT_FALSE(today.match("/api/v1/people/42/todays"));
  EXPECT_FALSE(today.match("api/v1/people/42/today"));
  EXPECT_FALSE(today.match(""));

  const RoutePath calendar("/api/v1/people/{person_id}/plans/{version}/calendar.ics");
  EXPECT_EQ(calendar.match("/api/v1/people/7/plans/3/calendar.ics"), (Captures{"7", "3"}));
  EXPECT_FALSE(calendar.match("/api/v1/people/7/plans/3/calendarXics"));
  EXPECT_EQ(RoutePath("/api/v1/health").match("/api/v1/health"), Captures{});
}

TEST(RoutePath, SplitsAPathOnce) {
  using Parts = std::vector<std::string_view>;
  EXPECT_EQ(RoutePath::split_path("/api/v1/people/42/today"),
            (Parts{"api", "v1", "people", "42", "today"}));
  EXPECT_EQ(RoutePath::split_path("/a//b/"), (Parts{"a", "", "b", ""}));
  EXPECT_EQ(RoutePath::split_path("/"), Parts{""});
  EXPECT_TRUE(RoutePath::split_path("a/b").empty());
  const auto parts = RoutePath::split_path("/api/v1/people/42/today");
  EXPECT_EQ(RoutePath("/api/v1/people/{person_id}/today").match(parts), Captures{"42"});
  EXPECT_FALSE(RoutePath("/api/v1/people/{person_id}/doses").match(parts));
}

// Every GET route: the same answer as the regular expression http_server registers for it.
TEST(RoutePath, AgreesWithTheRegisteredExpressions) {
  const std::vector<std::string> paths = {"/api/v1/health",
                                          "/api/v1/people/5/today",
                                          "/api/v1/people/5/plans/2/calendar.csv",
                                          "/api/v1/people/5/plans/2",
                                          "/api/v1/people/5",
                                          "/api/v1/people/5/plans",
                                          "/api/v1/people//plans",
                                          "/api/v1/people/5/check-ins",
                                          "/api/v1/openapi.json",
                                          "/api/v1/openapi-json",
                                          "/api/v1/people/5/export.csv",
                                          "/api/v1/people/5/export"};
  for (const Route& route : api_routes()) {
    if (route.method != "GET") continue;
    std::string expression;
    for (std::size_t i = 0; i < route.path.size(); ++i) {
      const char c = route.path[i];
      if (c == '{') {
        expression += "([^/]+)";
        i = route.path.find('}', i);
      } else {
        expression += c == '.' ? std::string("\\.") : std::string(1, c);
      }
    }
    const std::regex regex(expression);
    const RoutePath path(route.path);
    for (const auto& p : paths) {
      std::smatch m;
      const bool by_regex = std::regex_match(p, m, regex);
      const auto by_path = path.match(p);
      ASSERT_EQ(by_regex, by_path.has_value()) << route.path << " vs " << p;
      if (by_regex) {
        for (std::size_t i = 1; i < m.size(); ++i) EXPECT_EQ((*by_path)[i - 1], m[i].str());
      }
    }
  }
}

}  // namespace
}  // namespace taperlab::server
