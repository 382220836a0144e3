#pragma once

// One-time codes a person gives their clinician to link the two accounts (docs/tracking.md,
// clinicians). A code is read out or typed, so it is short and plain: 16 letters and digits from
// a 32-symbol alphabet without look-alikes (no 0/O, 1/I/L, U), shown in groups of four, 80 bits
// from the system's secure random source. Only its hash is stored; redeeming is rate-limited like
// signing in, so guessing is hopeless (5 wrong codes per account in 15 minutes against 2^80).

#include <optional>
#include <string>

namespace taperlab::auth {

// A code is valid this long after it is made, and for one use.
inline constexpr int kLinkCodeValidDays = 7;
inline constexpr int kLinkCodeSymbols = 16;

// A fresh code as shown to the person: "ABCD-EFGH-JKMN-PQRS".
std::string random_link_code();

// The code as typed, in canonical form (upper case, no spaces or dashes), or none when it cannot
// be a code (wrong length or a symbol outside the alphabet). Lower case and the look-alikes
// O, I and L (read as 0, 1 and 1) are accepted, since people copy codes by hand.
std::optional<std::string> canonical_link_code(const std::string& typed);

// What the store keeps: token_hash of the canonical code.
std::string link_code_hash(const std::string& canonical_code);

// When a code made at `now_utc` stops working.
std::string link_code_expiry(const std::string& now_utc);

}  // namespace taperlab::auth
