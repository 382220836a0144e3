#pragma once

// Runs one route for one request: a repository from the pool, the caller from the session cookie,
// the CSRF check for state-changing requests, and every error turned into a problem document.
// Independent of the HTTP library, so it can be tested without a socket.

#include "server/api.hpp"

namespace taperlab::server {

ApiResponse dispatch(const Route& route, const ApiRequest& request, const ServerContext& server);

}  // namespace taperlab::server
