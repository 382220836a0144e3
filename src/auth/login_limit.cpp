#include "auth/login_limit.hpp"

#include "auth/utc_time.hpp"

namespace taperlab::auth {

std::string login_window_start(const std::string& now_utc) {
  return utc_plus_seconds(now_utc, -kLoginWindowSeconds);
}

bool login_blocked(int failures_in_window) { return failures_in_window >= kMaxFailedLogins; }

int retry_after_seconds(int failures_in_window) {
  return login_blocked(failures_in_window) ? kLoginWindowSeconds : 0;
}

}  // namespace taperlab::auth
