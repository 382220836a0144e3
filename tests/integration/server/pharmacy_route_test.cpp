// GET .../plans/current/pharmacy over real HTTP: the plan in force in supply periods from today,
// as JSON and as the printable text, the period checked, and other people's plans out of reach.
#include <gtest/gtest.h>

#include <string>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ServerPharmacy : public ServerFixture {
 protected:
  json expect_json(const httplib::Result& res, int status, const std::string& what) {
    if (!res) {
      ADD_FAILURE() << what << ": no answer";
      return json();
    }
    EXPECT_EQ(res->status, status) << what << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }
};

TEST_F(ServerPharmacy, ThePlanInForceInPeriodsFromToday) {
  const Account me = sign_up("pat@example.org");
  const Account other = sign_up("sam@example.org");
  const std::string path = person_path(me, "/plans/current/pharmacy");
  expect_json(get(path, &me), 404, "no plan yet");
  expect_json(post(person_path(me, "/regimen"), &me,
                   {{"regimen", "diazepam 5mg@08:00, 5mg@20:00"}, {"weeks_on_regimen", 52}}),
              201, "regimen");
  expect_json(post(person_path(me, "/plans"), &me,
                   {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}}),
              201, "plan");

  const json weekly = expect_json(get(path + "?period=7", &me), 200, "weekly");
  EXPECT_EQ(weekly.at("period_days"), 7);
  EXPECT_EQ(weekly.at("version"), 1);
  EXPECT_EQ(weekly.at("country"), "UK");
  ASSERT_FALSE(weekly.at("periods").empty());
  const json& first = weekly.at("periods")[0];
  EXPECT_EQ(first.at("first"), weekly.at("from"));
  EXPECT_EQ(first.at("days"), 7);
  EXPECT_EQ(first.at("steps"), json({1}));
  ASSERT_FALSE(first.at("lines").empty());
  // 10 mg a day of diazepam for 7 days: tablets of UK strengths, whole numbers.
  long units = 0;
  for (const auto& line : first.at("lines")) units += line.at("units").get<long>();
  EXPECT_GE(units, 7);
  EXPECT_FALSE(weekly.at("stop_date").is_null());
  EXPECT_NE(weekly.at("draft_notice").get<std::string>().find("prescriber"), std::string::npos);

  const json monthly = expect_json(get(path, &me), 200, "default period");
  EXPECT_EQ(monthly.at("period_days"), 28);
  EXPECT_LT(monthly.at("periods").size(), weekly.at("periods").size());

  const auto text = get(path + "?period=14&format=text", &me);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 200);
  EXPECT_NE(text->get_header_value("Content-Type").find("text/plain"), std::string::npos);
  EXPECT_NE(text->body.find("Pharmacy supply: what to dispense every 14 days"), std::string::npos)
      << text->body;
  EXPECT_NE(text->body.find("Part tablets are counted as whole tablets"), std::string::npos);

  for (const char* bad : {"0", "91", "x", "7.5", ""}) {
    const json problem = expect_json(get(path + "?period=" + std::string(bad), &me), 422,
                                     "period " + std::string(bad));
    EXPECT_EQ(problem.at("errors")[0].at("field"), "period") << bad;
  }
  expect_json(get(path + "?format=pdf", &me), 422, "format");
  expect_json(get(path, &other), 404, "someone else's plan");
  expect_json(get(path), 401, "signed out");
}

}  // namespace
}  // namespace taperlab::server::testing
