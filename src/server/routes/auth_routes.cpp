// Sign-up, sign-in, sign-out and the current session. Passwords are hashed with argon2id; the
// cookie carries a random token whose hash alone is stored; sign-in failures are rate-limited per
// email and per address, in the database so that every server process sees them.
#include <algorithm>
#include <cctype>

#include "auth/login_limit.hpp"
#include "auth/password_hash.hpp"
#include "auth/tokens.hpp"
#include "core/base/country_code.hpp"
#include "core/base/error.hpp"
#include "core/journal/records_json.hpp"
#include "io/time_zone.hpp"
#include "server/http_errors.hpp"
#include "server/routes/routes.hpp"
#include "server/session_cookie.hpp"

namespace taperlab::server {
namespace {

std::string normalised_email(const nlohmann::json& body) {
  std::string email = required_text(body, "email");
  email.erase(0, email.find_first_not_of(" \t"));
  email.erase(email.find_last_not_of(" \t") + 1);
  const auto at = email.find('@');
  if (email.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= email.size() ||
      email.find_first_of(" \t\r\n<>") != std::string::npos) {
    throw ValidationError("email", "expected an email address such as sam@example.org");
  }
  std::transform(email.begin(), email.end(), email.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return email;
}

nlohmann::json session_json(const User& user, const std::string& csrf_token) {
  return {{"user", {{"id", user.id}, {"email", user.email}, {"role", user.role}}},
          {"person_id", user.person_id},
          {"csrf_token", csrf_token}};
}

ApiResponse sign_up(ApiCall& call) {
  const nlohmann::json body = call.body();
  const std::string email = normalised_email(body);
  const std::string password = required_text(body, "password");
  auth::check_password_rules(password);
  const std::string name = optional_text(body, "name").value_or("");
  if (name.size() > 100) throw ValidationError("name", "at most 100 characters");
  // The country picks the crisis lines a person is shown, so it is asked for from the start.
  std::string country = optional_text(body, "country").value_or("");
  if (!country.empty()) country = CountryCode::parse(country, "country").str();
  // The browser's zone (Intl.DateTimeFormat().resolvedOptions().timeZone): "today" and the dose
  // times are the person's own from the first day. Without it: the server's zone.
  const std::string time_zone = optional_text(body, "time_zone").value_or("");
  if (!time_zone.empty()) io::require_time_zone(time_zone, "time_zone");
  User user;
  // Hashed before the transaction: argon2 takes tens of milliseconds, which no write queued
  // behind this one should wait for (and an address in use costs the same time as a new one).
  user.password_hash = auth::hash_password(password);
  call.repo.transaction([&] {
    if (call.repo.find_user_by_email(email)) {
      throw Conflict("an account with this email exists; sign in instead");
    }
    Person person;
    person.name = name;
    person.profile.country = country;
    person.time_zone = time_zone;
    call.use_clock_of(person);
    person.created_on = call.today;
    user.person_id = call.repo.add_person(person);
    user.email = email;
    user.role = "patient";
    user.created_at = call.now_utc;
    user.id = call.repo.add_user(user);
  });
  const std::string csrf = start_session(call, user);
  return ApiResponse::json(201, session_json(user, csrf));
}

ApiResponse sign_in(ApiCall& call) {
  const nlohmann::json body = call.body();
  const std::string email = normalised_email(body);
  const std::string password = required_text(body, "password");
  const std::string since = auth::login_window_start(call.now_utc);
  // Keys hold hashes, not the addresses: the attempts table outlives a deleted account, and an
  // IP address is personal data that a rate limit has no need to keep readable.
  const std::string email_key = "email:" + auth::token_hash(email);
  const std::string address_key = "address:" + auth::token_hash(call.request.remote_addr);
  const int failures = std::max(call.repo.failed_login_attempts_since(email_key, since),
                                call.repo.failed_login_attempts_since(address_key, since));
  if (auth::login_blocked(failures)) {
    throw too_many_requests("too many sign-in attempts; please wait before trying again",
                            auth::retry_after_seconds(failures));
  }
  auto user = call.repo.find_user_by_email(email);
  bool ok = false;
  if (user) {
    ok = auth::verify_password(password, user->password_hash);
  } else {
    auth::verify_password_without_account(password);
  }
  // One transaction: one commit to make durable instead of three.
  call.repo.transaction([&] {
    call.repo.record_login_attempt(email_key, call.now_utc, ok);
    call.repo.record_login_attempt(address_key, call.now_utc, ok);
    call.repo.delete_login_attempts_before(since);
  });
  if (!ok) throw unauthorized("the email or the password is wrong");
  const std::string csrf = start_session(call, *user);
  return ApiResponse::json(200, session_json(*user, csrf));
}

ApiResponse sign_out(ApiCall& call) {
  call.repo.delete_auth_session(call.caller->token_hash);
  ApiResponse r = ApiResponse::no_content();
  r.headers.emplace_back("Set-Cookie", cleared_session_cookie(call.server.limits.secure_cookies));
  return r;
}

ApiResponse current_session(ApiCall& call) {
  return ApiResponse::json(200, session_json(call.caller->user, call.caller->csrf_token));
}

}  // namespace

void add_auth_routes(std::vector<Route>& routes) {
  routes.push_back({"POST", "/api/v1/auth/signup", Access::kPublic, sign_up});
  routes.push_back({"POST", "/api/v1/auth/signin", Access::kPublic, sign_in});
  routes.push_back({"POST", "/api/v1/auth/signout", Access::kSession, sign_out});
  routes.push_back({"GET", "/api/v1/auth/session", Access::kSession, current_session});
}

}  // namespace taperlab::server
