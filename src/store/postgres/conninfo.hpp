#pragma once

// Connection strings (libpq's URL or "key=value" forms), read with libpq's own parser.

#include <string>

namespace taperlab::store::postgres {

// The password in `conninfo`, or "" when it holds none (or cannot be parsed); for keeping it out
// of messages.
std::string password_in(const std::string& conninfo);

}  // namespace taperlab::store::postgres
