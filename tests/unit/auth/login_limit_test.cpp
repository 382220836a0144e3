// The sign-in limit and the UTC arithmetic behind its window.

#include "auth/login_limit.hpp"

#include <gtest/gtest.h>

#include "auth/utc_time.hpp"
#include "core/base/error.hpp"

namespace taperlab::auth {
namespace {

TEST(LoginLimit, FiveFailuresPerAccountIn15Minutes) {
  EXPECT_EQ(kMaxFailedLogins, 5);
  EXPECT_EQ(kLoginWindowSeconds, 900);
  EXPECT_GT(kDefaultFailedSignInsPerAddress, kMaxFailedLogins);
  EXPECT_EQ(kSignUpWindowSeconds, 3600);
}

TEST(LoginLimit, SignUpWindowIsAnHourAndTheLongestKept) {
  EXPECT_EQ(sign_up_window_start("2026-11-23T08:20:00Z"), "2026-11-23T07:20:00Z");
  EXPECT_EQ(attempts_kept_since("2026-03-01T00:10:30Z"), "2026-02-28T23:10:30Z");
  EXPECT_LT(attempts_kept_since("2026-03-01T00:10:30Z"),
            login_window_start("2026-03-01T00:10:30Z"));
}

TEST(LoginLimit, WindowStartsFifteenMinutesEarlier) {
  EXPECT_EQ(login_window_start("2026-11-23T08:20:00Z"), "2026-11-23T08:05:00Z");
  EXPECT_EQ(login_window_start("2026-03-01T00:10:30Z"), "2026-02-28T23:55:30Z");
  EXPECT_EQ(login_window_start("2028-03-01T00:00:00Z"), "2028-02-29T23:45:00Z");  // leap year
  EXPECT_THROW(login_window_start("2026-11-23 08:20:00"), ValidationError);
}

TEST(UtcTime, RoundTripsAndMoves) {
  EXPECT_EQ(format_utc(parse_utc("2026-12-31T23:59:59Z", "t")), "2026-12-31T23:59:59Z");
  EXPECT_EQ(utc_plus_seconds("2026-12-31T23:59:59Z", 1), "2027-01-01T00:00:00Z");
  EXPECT_EQ(utc_plus_seconds("2026-01-01T08:00:00Z", 30LL * 24 * 3600), "2026-01-31T08:00:00Z");
}

TEST(UtcTime, RejectsAnythingButTheStoredForm) {
  for (const char* bad : {"", "2026-01-01", "2026-01-01T08:00:00", "2026-01-01T08:00:00+00:00",
                          "2026-01-01T24:00:00Z", "2026-01-01T08:60:00Z", "2026-01-01T08:00:60Z",
                          "2026-02-30T08:00:00Z", "2026-01-01t08:00:00Z", "2026-01-01T8:00:000Z",
                          "2026-01-01T+8:00:00Z"}) {
    EXPECT_THROW(parse_utc(bad, "at"), ValidationError) << bad;
  }
  try {
    parse_utc("yesterday", "expires_at");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].field, "expires_at");
  }
}

}  // namespace
}  // namespace taperlab::auth
