#pragma once

// libsodium must be initialised before its random generator is used. Internal to src/auth.

namespace taperlab::auth {

// Calls sodium_init() on first use (thread-safe; later calls return at once). Throws
// taperlab::Error (internal) if libsodium cannot start, e.g. no system randomness.
void ensure_sodium();

}  // namespace taperlab::auth
