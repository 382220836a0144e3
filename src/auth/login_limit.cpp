#include "auth/login_limit.hpp"

#include "auth/utc_time.hpp"

namespace taperlab::auth {

std::string login_window_start(const std::string& now_utc) {
  return utc_plus_seconds(now_utc, -kLoginWindowSeconds);
}

std::string sign_up_window_start(const std::string& now_utc) {
  return utc_plus_seconds(now_utc, -kSignUpWindowSeconds);
}

std::string attempts_kept_since(const std::string& now_utc) {
  static_assert(kSignUpWindowSeconds >= kLoginWindowSeconds, "the sign-up window is the longest");
  return sign_up_window_start(now_utc);
}

}  // namespace taperlab::auth
