#include "server/session_cookie.hpp"

#include "auth/tokens.hpp"
#include "auth/utc_time.hpp"

namespace taperlab::server {

std::optional<std::string> session_token(const std::string& cookie_header) {
  const std::string name = std::string(kSessionCookie) + "=";
  std::size_t pos = 0;
  while (pos < cookie_header.size()) {
    while (pos < cookie_header.size() && (cookie_header[pos] == ' ' || cookie_header[pos] == ';')) {
      ++pos;
    }
    std::size_t end = cookie_header.find(';', pos);
    if (end == std::string::npos) end = cookie_header.size();
    if (cookie_header.compare(pos, name.size(), name) == 0) {
      std::string token = cookie_header.substr(pos + name.size(), end - pos - name.size());
      if (!token.empty()) return token;
    }
    pos = end;
  }
  return std::nullopt;
}

std::string session_cookie(const std::string& token, int max_age_s, bool secure) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; Max-Age=" + std::to_string(max_age_s) + "; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string cleared_session_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::optional<Caller> resolve_caller(const ApiCall& call) {
  auto token = session_token(call.request.header("cookie"));
  if (!token || token->size() > 128) return std::nullopt;
  const std::string hash = auth::token_hash(*token);
  SignedInCache& cache = *call.server.signed_in;
  // The generation first: a sign-out committed between the two reads leaves the entry stale by
  // generation, never a deleted session under the new one.
  const std::int64_t generation = call.repo.auth_generation();
  std::shared_ptr<const store::SignedIn> signed_in = cache.find(hash, generation);
  if (!signed_in) {
    auto read = call.repo.find_signed_in(hash);
    if (!read) return std::nullopt;
    signed_in = std::make_shared<const store::SignedIn>(std::move(*read));
    cache.keep(hash, generation, signed_in);
  }
  if (signed_in->session.expires_at <= call.now_utc) return std::nullopt;
  return Caller{signed_in->user, signed_in->person, hash, signed_in->session.csrf_token};
}

std::string start_session(ApiCall& call, const User& user) {
  const int max_age_s = call.server.limits.session_days * 24 * 3600;
  const std::string token = auth::random_token();
  AuthSession session;
  session.token_hash = auth::token_hash(token);
  session.user_id = user.id;
  session.csrf_token = auth::random_token();
  session.created_at = call.now_utc;
  session.expires_at = auth::utc_plus_seconds(call.now_utc, max_age_s);
  call.repo.delete_expired_auth_sessions(call.now_utc);
  call.repo.add_auth_session(session);
  call.extra_headers.emplace_back("Set-Cookie",
                                  session_cookie(token, max_age_s, call.request.https));
  return session.csrf_token;
}

}  // namespace taperlab::server
