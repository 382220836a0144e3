#pragma once

// The sign-in rate limit (api.md: 429 with Retry-After): at most 5 failed attempts per key in
// any 15 minutes, a sliding window counted by the store (Repository::failed_login_attempts_since,
// which restarts the count after a success). Enough for a person who mistypes; it turns an
// online guessing attack into 20 guesses an hour per key. Pure policy: no clock, no store.

#include <string>

namespace taperlab::auth {

inline constexpr int kMaxFailedLogins = 5;
inline constexpr int kLoginWindowSeconds = 15 * 60;

// The start of the window ending at `now_utc` ("YYYY-MM-DDTHH:MM:SSZ"), the `since` to count
// failures from. Throws ValidationError for a malformed time.
std::string login_window_start(const std::string& now_utc);

// Whether a key with `failures_in_window` failed attempts must wait before trying again.
bool login_blocked(int failures_in_window);

// The Retry-After to send: 0 when not blocked, else the whole window. The store counts failures
// but does not say when the oldest leaves the window, so this is an upper bound: a client that
// waits that long is let in. Do not record the attempts refused while blocked, or a client that
// retries early would keep itself locked out.
int retry_after_seconds(int failures_in_window);

}  // namespace taperlab::auth
