#pragma once

// Runs one route for one request: the client's address and protocol (behind a trusted proxy, the
// ones it forwarded: forwarded.hpp), a repository from the pool, the caller from the session
// cookie, the CSRF check for state-changing requests, and every error turned into a problem
// document. Independent of the HTTP library, so it can be tested without a socket.

#include "server/api.hpp"

namespace taperlab::server {

// Behind a trusted proxy the request's remote_addr and https are settled first: in place when it
// is moved in, else in a copy (none is made when no proxy is trusted).
ApiResponse dispatch(const Route& route, ApiRequest&& request, const ServerContext& server);
ApiResponse dispatch(const Route& route, const ApiRequest& request, const ServerContext& server);

}  // namespace taperlab::server
