#pragma once

// The session cookie: HttpOnly so scripts cannot read it, SameSite=Strict so other sites cannot
// send it, Secure when the request came over https (through a trusted proxy: forwarded.hpp).

#include <optional>
#include <string>

#include "server/api.hpp"

namespace taperlab::server {

inline constexpr const char* kSessionCookie = "taperlab_session";

// The token in a Cookie header, if any.
std::optional<std::string> session_token(const std::string& cookie_header);
std::string session_cookie(const std::string& token, int max_age_s, bool secure);
std::string cleared_session_cookie(bool secure);

// Resolves the caller from the request's cookie; nullopt when absent, unknown or expired.
std::optional<Caller> resolve_caller(const ApiCall& call);

// Starts a session for `user`: stores the token's hash, sets the cookie on the answer and returns
// the CSRF token for the page to send back.
std::string start_session(ApiCall& call, const User& user);

}  // namespace taperlab::server
