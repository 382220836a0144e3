// The calendar subscription (issue 22, reminders that follow the plan): a private address per
// person that a phone's calendar fetches by itself, GET /cal/<token>.ics, with the plan in force as
// reminders (journal/calendar_feed.hpp). Calendar apps cannot sign in, so the address itself is the
// key: a 256-bit random token (auth/tokens.hpp), of which the store keeps only the SHA-256. The
// person makes, replaces and revokes it in settings; the answer to an unknown, revoked or
// malformed address is the same 404, so nothing tells whether a token ever existed. There is no
// per-address rate limit (the server has none for public routes but sign-in): with 2^256 possible
// tokens, guessing is not a way in, and each fetch is one indexed lookup.
#include <string>

#include "auth/tokens.hpp"
#include "core/base/error.hpp"
#include "io/time_zone.hpp"
#include "journal/calendar_feed.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

constexpr const char* kFeedPrefix = "/cal/";
constexpr const char* kFeedSuffix = ".ics";
constexpr std::size_t kTokenChars = 43;  // auth::random_token: 32 bytes, base64url, no padding

// The same answer for every address that opens nothing.
[[noreturn]] void no_such_calendar() { throw NotFound("no such calendar"); }

bool token_shaped(const std::string& token) {
  if (token.size() != kTokenChars) return false;
  for (const char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

nlohmann::json subscription_json(const store::CalendarToken& token) {
  return {{"created_at", token.created_at}};
}

ApiResponse get_subscription(ApiCall& call) {
  const Person& person = call.person();
  const auto token = call.repo.calendar_token_of(person.id);
  // The address itself cannot be shown again: only its hash is kept.
  return ApiResponse::json(
      200, {{"subscription", token ? subscription_json(*token) : nlohmann::json(nullptr)}});
}

ApiResponse create_subscription(ApiCall& call) {
  const Person& person = call.person();
  const std::string token = auth::random_token();
  store::CalendarToken stored;
  stored.person_id = person.id;
  stored.token_hash = auth::token_hash(token);
  stored.created_at = call.now_utc;
  call.repo.set_calendar_token(stored);  // replaces an earlier one: its address stops working
  nlohmann::json out = subscription_json(stored);
  // Relative to the site's root: the web app adds its own origin (the server may sit behind a
  // proxy that knows its public name better than it does).
  out["path"] = std::string(kFeedPrefix) + token + kFeedSuffix;
  return ApiResponse::json(201, out);
}

ApiResponse revoke_subscription(ApiCall& call) {
  const Person& person = call.person();
  call.repo.delete_calendar_token(person.id);
  return ApiResponse::no_content();
}

ApiResponse feed(ApiCall& call) {
  if (call.request.captures.empty()) no_such_calendar();
  std::string token = call.request.captures.front();
  const std::string suffix = kFeedSuffix;
  if (token.size() <= suffix.size() ||
      token.compare(token.size() - suffix.size(), suffix.size(), suffix) != 0) {
    no_such_calendar();
  }
  token.resize(token.size() - suffix.size());
  if (!token_shaped(token)) no_such_calendar();
  const auto found = call.repo.find_calendar_token(auth::token_hash(token));
  if (!found) no_such_calendar();
  const auto person = call.repo.find_person(found->person_id);
  if (!person) no_such_calendar();
  // The person's own date in their own zone (a fetch has no session to date the call by):
  // "today" decides which plan version is in force and whether it is paused.
  call.use_clock_of(*person);
  ApiResponse answer;
  answer.body = journal::calendar_feed_text(call.journal(), *person,
                                            io::effective_time_zone(person->time_zone));
  answer.content_type = "text/calendar; charset=utf-8";
  // Cache-Control: no-store comes with every answer (http_server.cpp): no shared cache keeps one
  // person's plan. Search engines must not list an address that leaks.
  answer.headers.emplace_back("X-Robots-Tag", "noindex, nofollow");
  answer.headers.emplace_back("Content-Disposition", "inline; filename=\"taperlab.ics\"");
  return answer;
}

}  // namespace

void add_calendar_routes(std::vector<Route>& routes) {
  const std::string base = "/api/v1/people/{person_id}/calendar-subscription";
  routes.push_back({"GET", base, Access::kSession, get_subscription, false, 0,
                    ClinicianUse::kNever});  // the address is a key: the person's alone
  routes.push_back({"POST", base, Access::kSession, create_subscription});
  routes.push_back({"DELETE", base, Access::kSession, revoke_subscription});
  routes.push_back({"GET", "/cal/{feed}", Access::kPublic, feed});
}

}  // namespace taperlab::server
