#pragma once

// The sign-in and sign-up rate limits (api.md: 429 with Retry-After), counted by the store in
// sliding windows (Repository::begin_attempts). An attempt is counted before the password is
// checked, in one write transaction, so however many requests arrive at once (and whichever
// server process they reach) an account's password is checked at most kMaxFailedLogins times in
// kLoginWindowSeconds; its owner signing in starts the account's count again. An address is
// limited on its failed sign-ins across all accounts, which a success does not reset, and on its
// sign-ups. Enough for a person who mistypes; it turns an online guessing attack into 20 guesses
// an hour per account. Pure policy: no clock, no store.

#include <string>

namespace taperlab::auth {

inline constexpr int kMaxFailedLogins = 5;
inline constexpr int kLoginWindowSeconds = 15 * 60;
// Failed sign-ins from one address, whatever the accounts, in kLoginWindowSeconds: a clinic's
// people behind one address mistype too, so more than one account's worth, but not enough to try
// a password on many accounts (the server's default; `taperlab serve` may set another).
inline constexpr int kDefaultFailedSignInsPerAddress = 20;
// Sign-ups from one address in kSignUpWindowSeconds (the server's default): each costs an argon2
// hash and a new account.
inline constexpr int kDefaultSignUpsPerAddress = 10;
inline constexpr int kSignUpWindowSeconds = 60 * 60;

// The start of the sign-up window ending at `now_utc`.
std::string sign_up_window_start(const std::string& now_utc);

// Attempts made before this time are outside every window and may be deleted (the longest window).
std::string attempts_kept_since(const std::string& now_utc);

// The start of the sign-in window ending at `now_utc` ("YYYY-MM-DDTHH:MM:SSZ"), the `since` to
// count failures from. Throws ValidationError for a malformed time. A refused attempt is not
// recorded, or a client that retries early would keep itself locked out; Retry-After is the whole
// window (an upper bound: the store does not say when the oldest attempt leaves it).
std::string login_window_start(const std::string& now_utc);

}  // namespace taperlab::auth
