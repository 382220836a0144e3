#include "core/assess/reliable_change.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

namespace taperlab::assess {
namespace {

CognitiveSession session(RecordId id, CivilDate date, const std::string& test,
                         const std::string& device, nlohmann::json result) {
  CognitiveSession s;
  s.id = id;
  s.date = date;
  s.test_id = test;
  s.device = device;
  s.browser = "Firefox";
  s.result = std::move(result);
  return s;
}

const CivilDate kDay{std::chrono::sys_days{std::chrono::year{2026} / 3 / 1}};

// SD 2, r 0.5: SD of a difference = 2 * sqrt(2 * 0.5) = 2; a rise of 3 is 1.5.
// r 0.875: 2 * sqrt(0.25) = 1; the same rise is 3.
TEST(ReliableChange, DividesTheChangeByTheRetestSpread) {
  EXPECT_DOUBLE_EQ(reliable_change_index(10, 13, 2, 0.5, true), 1.5);
  EXPECT_DOUBLE_EQ(reliable_change_index(10, 13, 2, 0.875, true), 3.0);
  EXPECT_DOUBLE_EQ(reliable_change_index(10, 7, 2, 0.875, true), -3.0);
  EXPECT_DOUBLE_EQ(reliable_change_index(10, 10, 2, 0.0, true), 0.0);
}

TEST(ReliableChange, PositiveMeansBetterWhenLowerScoresAreBetter) {
  EXPECT_DOUBLE_EQ(reliable_change_index(10, 7, 2, 0.875, false), 3.0);
  EXPECT_DOUBLE_EQ(reliable_change_index(10, 13, 2, 0.875, false), -3.0);
  // choice-rt: SD 0.08, r 0.80 -> 0.08 * sqrt(0.4) = 0.0505964; 2.60 -> 2.48 log10 ms is faster.
  const CognitiveTest& rt = *find_cognitive_test("choice-rt");
  EXPECT_NEAR(reliable_change_index(rt, 2.60, 2.48), 0.12 / 0.0505964426, 1e-6);
  EXPECT_EQ(classify_change(reliable_change_index(rt, 2.60, 2.48)), CognitiveChange::kImproved);
  EXPECT_EQ(classify_change(reliable_change_index(rt, 2.60, 2.72)), CognitiveChange::kWorse);
}

TEST(ReliableChange, OnlyBeyondOnePointNinetySixIsReliable) {
  EXPECT_EQ(classify_change(1.96), CognitiveChange::kNoReliableChange);
  EXPECT_EQ(classify_change(1.9601), CognitiveChange::kImproved);
  EXPECT_EQ(classify_change(-1.96), CognitiveChange::kNoReliableChange);
  EXPECT_EQ(classify_change(-1.9601), CognitiveChange::kWorse);
  EXPECT_STREQ(to_string(CognitiveChange::kNoReliableChange), "no reliable change");
  EXPECT_STREQ(to_string(CognitiveChange::kImproved), "improved");
  EXPECT_STREQ(to_string(CognitiveChange::kWorse), "worse");
}

TEST(ReliableChange, RejectsAnUnusableSdOrReliability) {
  EXPECT_THROW(reliable_change_index(1, 2, 0, 0.5, true), std::invalid_argument);
  EXPECT_THROW(reliable_change_index(1, 2, 1, 1.0, true), std::invalid_argument);
  EXPECT_THROW(reliable_change_index(1, 2, 1, -0.1, true), std::invalid_argument);
}

// Digit span forward: SD 1.2, r 0.63 -> 1.2 * sqrt(0.74) = 1.0322790; baseline = session 2 (6).
TEST(CompareWithBaseline, TwoPracticeRunsThenChangeFromTheSecond) {
  const CognitiveTest& span = *find_cognitive_test("digit-span-forward");
  const std::vector<double> scores = {5, 6, 8, 9, 3};
  const auto c = compare_with_baseline(span, scores);
  ASSERT_EQ(c.size(), 5u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_TRUE(c[i].practice);
    EXPECT_EQ(c[i].session_number, static_cast<int>(i) + 1);
    EXPECT_FALSE(c[i].baseline_score);
    EXPECT_FALSE(c[i].rci);
    EXPECT_FALSE(c[i].change);
  }
  EXPECT_FALSE(c[2].practice);
  EXPECT_EQ(c[2].index, 2u);
  EXPECT_EQ(c[2].session_number, 3);
  EXPECT_DOUBLE_EQ(*c[2].baseline_score, 6.0);
  EXPECT_NEAR(*c[2].rci, 2 / 1.0322790, 1e-6);  // 1.937: two digits more is not yet reliable
  EXPECT_EQ(*c[2].change, CognitiveChange::kNoReliableChange);
  EXPECT_NEAR(*c[3].rci, 3 / 1.0322790, 1e-6);
  EXPECT_EQ(*c[3].change, CognitiveChange::kImproved);
  EXPECT_NEAR(*c[4].rci, -3 / 1.0322790, 1e-6);
  EXPECT_EQ(*c[4].change, CognitiveChange::kWorse);
  EXPECT_TRUE(compare_with_baseline(span, std::vector<double>{}).empty());
}

TEST(CompareSessions, EachDeviceAndTestHasItsOwnPracticeAndBaseline) {
  const std::vector<CognitiveSession> sessions = {
      session(1, kDay, "digit-span-forward", "laptop", {{"score", 5}}),
      session(2, kDay, "digit-span-forward", "phone", {{"score", 4}}),
      session(3, kDay.plus_days(1), "digit-span-forward", "laptop", {{"score", 6}}),
      session(4, kDay.plus_days(28), "digit-span-forward", "laptop", {{"score", 9}}),
      // Only the phone's second session: still practice, never compared with the laptop's.
      session(5, kDay.plus_days(28), "digit-span-forward", "phone", {{"score", 9}}),
      session(6, kDay.plus_days(28), "digit-span-backward", "laptop", {{"score", 4}}),
  };
  const auto c = compare_sessions(sessions);
  ASSERT_EQ(c.size(), sessions.size());
  for (std::size_t i = 0; i < c.size(); ++i) EXPECT_EQ(c[i].index, i);
  EXPECT_EQ(c[0].session_number, 1);
  EXPECT_EQ(c[1].session_number, 1);
  EXPECT_EQ(c[2].session_number, 2);
  EXPECT_EQ(c[3].session_number, 3);
  EXPECT_DOUBLE_EQ(*c[3].baseline_score, 6.0);
  EXPECT_EQ(*c[3].change, CognitiveChange::kImproved);
  EXPECT_EQ(c[4].session_number, 2);
  EXPECT_TRUE(c[4].practice);
  EXPECT_FALSE(c[4].rci);
  EXPECT_EQ(c[5].session_number, 1);
  EXPECT_TRUE(c[5].practice);
}

TEST(CompareSessions, SortsEachSeriesByDateThenId) {
  const std::vector<CognitiveSession> sessions = {
      session(9, kDay.plus_days(56), "pvt", "laptop", {{"score", 2.5}}),
      session(8, kDay.plus_days(1), "pvt", "laptop", {{"score", 3.6}}),
      session(7, kDay, "pvt", "laptop", {{"score", 3.0}}),
  };
  const auto c = compare_sessions(sessions);
  EXPECT_EQ(c[2].session_number, 1);
  EXPECT_EQ(c[1].session_number, 2);
  EXPECT_EQ(c[0].session_number, 3);
  // PVT: SD 0.45, r 0.80 -> 0.45 * sqrt(0.4) = 0.2846050; (2.5 - 3.6) / 0.2846 = -3.865.
  EXPECT_NEAR(*c[0].rci, -1.1 / 0.2846049894, 1e-6);
  EXPECT_EQ(*c[0].change, CognitiveChange::kWorse);
}

TEST(CompareSessions, SessionsWithoutAScoreOrOfUnknownTestsStandAlone) {
  const std::vector<CognitiveSession> sessions = {
      session(1, kDay, "symbol-digit", "laptop", {{"span", 6}}),
      session(2, kDay, "stroop", "laptop", {{"score", 40}}),
      session(3, kDay.plus_days(1), "symbol-digit", "laptop", {{"score", 50}}),
  };
  const auto c = compare_sessions(sessions);
  EXPECT_EQ(c[0].session_number, 0);
  EXPECT_FALSE(c[0].practice);
  EXPECT_FALSE(c[0].rci);
  EXPECT_EQ(c[1].session_number, 0);
  EXPECT_EQ(c[2].session_number, 1);
  EXPECT_TRUE(c[2].practice);
  EXPECT_FALSE(session_score(sessions[0]));
  EXPECT_DOUBLE_EQ(*session_score(sessions[2]), 50.0);
}

}  // namespace
}  // namespace taperlab::assess
