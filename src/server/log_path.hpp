#pragma once

// What the access log may write of a request's path (http_server.cpp). Paths carry no query
// string there, but one kind of path is itself a secret: a calendar feed's address holds the
// token that opens a person's plan (routes/calendar_routes.cpp).

#include <string>
#include <string_view>

namespace taperlab::server {

// `path` as it may be logged: "/cal/<anything>" becomes "/cal/{token}"; every other path is kept.
std::string loggable_path(std::string_view path);

}  // namespace taperlab::server
