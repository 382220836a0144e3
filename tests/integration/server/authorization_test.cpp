// Who may call what, for every route in api_routes(): a route added later is covered without
// editing this file. User A is refused everything on B's person (404, as if absent, or 403) and
// B's journal is unchanged afterwards; no session-only route answers without a cookie. Clinicians
// (api.hpp, ClinicianUse): an unlinked one gets 404 on every person route, a linked one reads
// and reviews but never writes the person's own records, and a person gets 403 on every
// clinician's route.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "clinician_fixture.hpp"
#include "server/api.hpp"

namespace taperlab::server::testing {
namespace {

// A body that would be accepted on one's own person, so that only the person can be the reason
// for a refusal. Keyed by the path's last segments after the person id.
json plausible_body(const Route& route) {
  static const std::map<std::string, json> bodies = {
      {"", {{"name", "Mallory"}}},
      {"/regimen", {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}}},
      {"/plans/preview", {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}}},
      {"/plans/preview/band", {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}}},
      {"/plans", {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}}},
      {"/doses", {{"planned_time", "08:00"}}},
      {"/check-ins", {{"symptoms", {{"anxiety", 1}}}, {"mood", 5}}},
      {"/plan/resume", {{"by", "person"}, {"reason", "Seen by my GP"}}},
      {"/questionnaires/{instrument}", {{"answers", {0, 0, 0, 0, 0, 0, 0, 0, 0}}}},
      {"/clinician-links/codes", json::object()},
      {"/decisions/{decision_id}/review", {{"action", "approve"}}},
      {"/api/v1/clinician/links", {{"code", "AAAA-BBBB-CCCC-DDDD"}}},
      {"/cognitive-sessions",
       {{"test_id", "digit-span-forward"},
        {"device", "laptop"},
        {"browser", "Firefox 128"},
        {"result", {{"score", 6}}}}},
      // An export with a person and nothing else: importable into a person with no journal.
      {"/import",
       {{"format", "taperlab-export"},
        {"format_version", 1},
        {"person", {{"name", "Mallory"}, {"created_on", "2026-03-01"}}}}},
  };
  if (route.method == "GET" || route.method == "DELETE") return json();
  const std::string prefix = "/api/v1/people/{person_id}";
  const std::string rest =
      route.path.rfind(prefix, 0) == 0 ? route.path.substr(prefix.size()) : route.path;
  auto it = bodies.find(rest);
  return it == bodies.end() ? json::object() : it->second;
}

// The route's path with its parameters filled: the given person, plan version 1, PHQ-9, the given
// decision and clinician (1 unless told).
std::string concrete_path(const Route& route, std::int64_t person_id, std::int64_t decision_id = 1,
                          std::int64_t clinician_id = 1) {
  std::string path =
      std::regex_replace(route.path, std::regex(R"(\{person_id\})"), std::to_string(person_id));
  path = std::regex_replace(path, std::regex(R"(\{version\})"), "1");
  path = std::regex_replace(path, std::regex(R"(\{instrument\})"), "phq9");
  path = std::regex_replace(path, std::regex(R"(\{decision_id\})"), std::to_string(decision_id));
  path = std::regex_replace(path, std::regex(R"(\{clinician_id\})"), std::to_string(clinician_id));
  if (path.find('{') != std::string::npos) {
    ADD_FAILURE() << "no value for a parameter of " << route.path << "; add one here";
  }
  return path;
}

class ServerAuthorization : public ClinicianFixture {
 protected:
  // An account with a regimen and a saved plan version 1, so that there is something to steal.
  Account with_plan(const std::string& email) {
    Account a = sign_up(email);
    auto regimen =
        post(person_path(a, "/regimen"), &a, {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}});
    EXPECT_EQ(regimen->status, 201) << regimen->body;
    auto plan = post(person_path(a, "/plans"), &a,
                     {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}});
    EXPECT_EQ(plan->status, 201) << plan->body;
    auto check_in = post(person_path(a, "/check-ins"), &a, {{"symptoms", {{"anxiety", 2}}}});
    EXPECT_EQ(check_in->status, 201) << check_in->body;
    return a;
  }

  std::string export_of(const Account& a) {
    auto res = get(person_path(a, "/export?format=json"), &a);
    EXPECT_TRUE(res && res->status == 200);
    return res ? res->body : "";
  }
};

TEST_F(ServerAuthorization, NoPersonScopedRouteReachesAnotherPerson) {
  const Account a = with_plan("alice@example.org");
  const Account b = with_plan("bob@example.org");
  ASSERT_NE(a.person_id, b.person_id);
  const std::string before = export_of(b);

  int checked = 0;
  for (const Route& route : api_routes()) {
    if (route.path.find("{person_id}") == std::string::npos) continue;
    const std::string path = concrete_path(route, b.person_id);
    const json body = plausible_body(route);
    auto res = call(route.method, path, &a, body.is_null() ? "" : body.dump());
    ASSERT_TRUE(res) << route.method << " " << path;
    EXPECT_TRUE(res->status == 404 || res->status == 403)
        << route.method << " " << route.path << " as another user answered " << res->status << ": "
        << res->body.substr(0, 200);
    ++checked;
  }
  EXPECT_GE(checked, 25) << "fewer person routes than expected: is api_routes() complete?";

  EXPECT_EQ(export_of(b), before) << "B's journal changed";
  EXPECT_EQ(get("/api/v1/auth/session", &b)->status, 200) << "B's account is gone";

  // The same requests on A's own person are accepted (or conflict with what A already has): the
  // refusals above were about the person, not the request. Deleting A comes last.
  for (const Route& route : api_routes()) {
    if (route.path.find("{person_id}") == std::string::npos || route.method == "DELETE") continue;
    if (route.clinician == ClinicianUse::kOnly) continue;  // a clinician's: the matrix below
    const json body = plausible_body(route);
    auto res = call(route.method, concrete_path(route, a.person_id), &a,
                    body.is_null() ? "" : body.dump());
    ASSERT_TRUE(res);
    EXPECT_TRUE((res->status >= 200 && res->status < 300) || res->status == 409)
        << route.method << " " << route.path << " on one's own person answered " << res->status
        << ": " << res->body.substr(0, 200);
  }
}

bool is_person_route(const Route& route) {
  return route.path.rfind("/api/v1/people/{person_id}", 0) == 0;
}

TEST_F(ServerAuthorization, ClinicianMatrixOnEveryRoute) {
  const Account b = with_plan("bob@example.org");
  const Account person = with_plan("pat@example.org");
  const Account linked = clinician("lee@clinic.example", "Dr Lee");
  const Account unlinked = clinician("kay@clinic.example", "Dr Kay");
  link(b, linked);
  const RecordId hold = store_hold(b, kToday);
  const std::int64_t linked_id = outside().find_user_by_email("lee@clinic.example")->id;
  auto journal_of = [&] {
    std::string out;
    for (const char* rest : {"", "/plans", "/check-ins", "/doses", "/questionnaires",
                             "/clinician-links", "/calendar-subscription"}) {
      out += get(person_path(b, rest), &b)->body;
    }
    return out;
  };
  const std::string before = journal_of();

  int checked = 0;
  std::vector<const Route*> reviews;
  const std::vector<Route> routes = api_routes();
  for (const Route& route : routes) {
    if (route.access != Access::kSession) continue;
    const json body = plausible_body(route);
    const std::string text = body.is_null() ? "" : body.dump();
    if (!is_person_route(route)) {
      // A person never reaches a clinician's route.
      if (route.clinician == ClinicianUse::kOnly) {
        EXPECT_EQ(call(route.method, route.path, &person, text)->status, 403)
            << route.method << " " << route.path << " as a person";
        ++checked;
      }
      continue;
    }
    const std::string path = concrete_path(route, b.person_id, hold, linked_id);
    // An unlinked clinician reaches no person route, whatever it is.
    auto res = call(route.method, path, &unlinked, text);
    EXPECT_EQ(res->status, 404) << route.method << " " << route.path
                                << " as an unlinked clinician: " << res->body.substr(0, 200);
    if (route.clinician == ClinicianUse::kOnly) {
      // A person on a clinician's route about themselves.
      EXPECT_EQ(call(route.method, concrete_path(route, person.person_id), &person, text)->status,
                403)
          << route.method << " " << route.path << " as a person";
      reviews.push_back(&route);  // last: a review changes the journal on purpose
      continue;
    }
    res = call(route.method, path, &linked, text);
    const bool may = route.clinician == ClinicianUse::kByMethod && route.method == "GET";
    if (may) {
      EXPECT_EQ(res->status, 200) << route.method << " " << route.path
                                  << " as a linked clinician: " << res->body.substr(0, 200);
    } else {
      EXPECT_EQ(res->status, 403) << route.method << " " << route.path
                                  << " as a linked clinician: " << res->body.substr(0, 200);
    }
    ++checked;
  }
  EXPECT_GE(checked, 30);
  EXPECT_EQ(journal_of(), before) << "a clinician changed the person's own records";
  ASSERT_FALSE(reviews.empty());
  for (const Route* route : reviews) {
    const json body = plausible_body(*route);
    auto res = call(route->method, concrete_path(*route, b.person_id, hold, linked_id), &linked,
                    body.dump());
    EXPECT_EQ(res->status, 201) << route->path << ": " << res->body.substr(0, 200);
  }
}

TEST_F(ServerAuthorization, EverySessionRouteNeedsASession) {
  const Account a = sign_up("alice@example.org");
  int checked = 0;
  for (const Route& route : api_routes()) {
    if (route.access != Access::kSession) continue;
    const std::string path = concrete_path(route, a.person_id);
    const json body = plausible_body(route);
    auto res = call(route.method, path, nullptr, body.is_null() ? "" : body.dump());
    ASSERT_TRUE(res) << route.method << " " << path;
    EXPECT_EQ(res->status, 401) << route.method << " " << route.path;
    ++checked;
    // A cookie that is no session is the same as none.
    Account forged = a;
    forged.cookie = "taperlab_session=not-a-real-token";
    auto forged_res = call(route.method, path, &forged, body.is_null() ? "" : body.dump());
    EXPECT_EQ(forged_res->status, 401) << route.method << " " << route.path << " (forged)";
  }
  EXPECT_GE(checked, 30);
  EXPECT_EQ(get(person_path(a), &a)->status, 200) << "A was deleted without a session";
}

TEST_F(ServerAuthorization, PublicRoutesAreOnlyTheDocumentedOnes) {
  std::set<std::string> public_routes;
  for (const Route& route : api_routes()) {
    if (route.access == Access::kPublic) public_routes.insert(route.method + " " + route.path);
  }
  // A new public route is a security decision: this list changes with docs/api.md.
  EXPECT_EQ(public_routes,
            (std::set<std::string>{"GET /api/v1/health", "GET /api/v1/openapi.json",
                                   "GET /api/v1/crisis-lines", "POST /api/v1/auth/signup",
                                   "POST /api/v1/auth/signin",
                                   // calendar apps cannot sign in: the address's token is the key
                                   "GET /cal/{feed}"}));
}

}  // namespace
}  // namespace taperlab::server::testing
