// Sign-up, sign-in, sign-out (of this session or of all) and the current session. Passwords are
// hashed with argon2id; the cookie carries a random token whose hash alone is stored. Sign-ins are
// rate-limited per account and per address, sign-ups per address, in the database (one write
// transaction per attempt, before any password is checked) so that every request and every
// server process sees the same counts (auth/login_limit.hpp).
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

// Sign-up answers the same whether or not the address has an account, so that it cannot be used
// to learn who does (confirming an address by a link is out of scope). It therefore starts no
// session either way (a Set-Cookie would tell the two apart): the client signs in next.
constexpr const char* kSignUpMessage =
    "If this address is new, your account is ready; otherwise sign in.";

// Rate-limit keys hold hashes, not the addresses: the attempts table outlives a deleted account,
// and an IP address is personal data that a rate limit has no need to keep readable.
std::string address_key(const ApiCall& call, const char* what) {
  return std::string(what) + ":" + auth::token_hash(call.request.remote_addr);
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
  // A clinician's account (docs/api.md, clinicians) keeps no journal: its person row holds the
  // name its linked people are shown. Anyone may open one; it sees only the people who give it a
  // link code.
  const std::string role = optional_text(body, "role").value_or("patient");
  if (role != "patient" && role != kClinicianRole) {
    throw ValidationError("role", "expected patient or clinician");
  }
  // Counted before the hash, which is what a flood of sign-ups would spend; every sign-up
  // counts, new address or not, since the answer does not tell them apart.
  const store::AttemptGrant grant = call.repo.begin_attempts(
      {{address_key(call, "sign-up"), auth::sign_up_window_start(call.now_utc),
        call.server.limits.sign_ups_per_address, false}},
      call.now_utc);
  if (!grant.granted()) {
    throw too_many_requests("too many new accounts from this address; please wait and try again",
                            auth::kSignUpWindowSeconds);
  }
  User user;
  // Hashed before the transaction: argon2 takes tens of milliseconds, which no write queued
  // behind this one should wait for (and an address in use costs the same time as a new one).
  user.password_hash = auth::hash_password(password);
  call.repo.transaction([&] {
    call.repo.delete_login_attempts_before(auth::attempts_kept_since(call.now_utc));
    // An existing account is left as it is: same answer, no session, nothing changed.
    if (call.repo.find_user_by_email(email)) return;
    Person person;
    person.name = name;
    person.profile.country = country;
    person.time_zone = time_zone;
    call.use_clock_of(person);
    person.created_on = call.today;
    user.person_id = call.repo.add_person(person);
    user.email = email;
    user.role = role;
    user.created_at = call.now_utc;
    user.id = call.repo.add_user(user);
  });
  return ApiResponse::json(202, {{"message", kSignUpMessage}});
}

ApiResponse sign_in(ApiCall& call) {
  const nlohmann::json body = call.body();
  const std::string email = normalised_email(body);
  const std::string password = required_text(body, "password");
  const std::string since = auth::login_window_start(call.now_utc);
  // The attempt is counted before the password is checked, in one write transaction: of any
  // number of requests at once for one account, at most kMaxFailedLogins get a check. The
  // account's count starts again when its owner signs in; the address's does not.
  const store::AttemptGrant grant = call.repo.begin_attempts(
      {{"email:" + auth::token_hash(email), since, auth::kMaxFailedLogins, true},
       {address_key(call, "address"), since, call.server.limits.failed_sign_ins_per_address,
        false}},
      call.now_utc);
  if (!grant.granted()) {
    throw too_many_requests("too many sign-in attempts; please wait before trying again",
                            auth::kLoginWindowSeconds);
  }
  auto user = call.repo.find_user_by_email(email);
  bool ok = false;
  if (user) {
    ok = auth::verify_password(password, user->password_hash);
  } else {
    auth::verify_password_without_account(password);
  }
  // One transaction: one commit to make durable instead of two.
  call.repo.transaction([&] {
    if (ok) call.repo.mark_attempts_succeeded(grant.attempt_ids);
    call.repo.delete_login_attempts_before(auth::attempts_kept_since(call.now_utc));
  });
  if (!ok) throw unauthorized("the email or the password is wrong");
  const std::string csrf = start_session(call, *user);
  return ApiResponse::json(200, session_json(*user, csrf));
}

ApiResponse sign_out(ApiCall& call) {
  call.repo.delete_auth_session(call.caller->token_hash);
  ApiResponse r = ApiResponse::no_content();
  r.headers.emplace_back("Set-Cookie", cleared_session_cookie(call.request.https));
  return r;
}

// Ends every session of the caller's account, this one included (a lost phone, a shared
// computer): the other devices' next request answers 401.
ApiResponse sign_out_everywhere(ApiCall& call) {
  const int ended = call.repo.delete_auth_sessions_of(call.caller->user.id);
  ApiResponse r = ApiResponse::json(200, {{"sessions_ended", ended}});
  r.headers.emplace_back("Set-Cookie", cleared_session_cookie(call.request.https));
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
  routes.push_back(
      {"POST", "/api/v1/auth/signout-everywhere", Access::kSession, sign_out_everywhere});
  routes.push_back({"GET", "/api/v1/auth/session", Access::kSession, current_session});
}

}  // namespace taperlab::server
