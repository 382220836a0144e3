#include "core/assess/cognitive_result.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace taperlab::assess {
namespace {

using nlohmann::json;

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(CognitiveResult, AcceptsAPlausibleResultWithDetailAndExtraMembers) {
  EXPECT_TRUE(cognitive_result_errors("pvt", json{{"score", 3.7},
                                                  {"lapses", 1},
                                                  {"false_starts", 0},
                                                  {"trials", 33},
                                                  {"median_rt_ms", 262.5},
                                                  {"frame_ms", 16.7}})
                  .empty());
  EXPECT_TRUE(cognitive_result_errors("digit-span-backward", json{{"score", 5}}).empty());
  EXPECT_TRUE(cognitive_result_errors("choice-rt", json{{"score", 2.61}}).empty());
  EXPECT_TRUE(cognitive_result_errors("two-back", json{{"score", -0.4}}).empty());
  EXPECT_TRUE(
      cognitive_result_errors("word-list-delayed", json{{"score", 12}, {"list", "B"}}).empty());
  EXPECT_NO_THROW(validate_cognitive_result("symbol-digit", json{{"score", 52}}));
}

TEST(CognitiveResult, UnknownTestNamesTheTestIdAndTheKnownIds) {
  const auto errors = cognitive_result_errors("stroop", json{{"score", 1}});
  ASSERT_EQ(fields(errors), std::vector<std::string>{"test_id"});
  EXPECT_NE(errors[0].message.find("digit-span-forward"), std::string::npos);
}

TEST(CognitiveResult, NeedsAnObjectWithANumericScore) {
  EXPECT_EQ(fields(cognitive_result_errors("pvt", json(3.5))), std::vector<std::string>{"result"});
  EXPECT_EQ(fields(cognitive_result_errors("pvt", json::object())),
            std::vector<std::string>{"result.score"});
  EXPECT_EQ(fields(cognitive_result_errors("pvt", json{{"score", "fast"}})),
            std::vector<std::string>{"result.score"});
  EXPECT_EQ(fields(cognitive_result_errors("pvt", json{{"score", nullptr}})),
            std::vector<std::string>{"result.score"});
}

TEST(CognitiveResult, ScoreMustBeInTheTestsRangeAndWholeForCounts) {
  EXPECT_EQ(fields(cognitive_result_errors("pvt", json{{"score", 12.0}})),
            std::vector<std::string>{"result.score"});
  EXPECT_EQ(fields(cognitive_result_errors("choice-rt", json{{"score", 450}})),
            std::vector<std::string>{"result.score"});  // ms instead of log10 ms
  EXPECT_EQ(fields(cognitive_result_errors("digit-span-forward", json{{"score", 6.5}})),
            std::vector<std::string>{"result.score"});
  EXPECT_EQ(fields(cognitive_result_errors("word-list-immediate", json{{"score", 13}})),
            std::vector<std::string>{"result.score"});
  const auto errors = cognitive_result_errors("symbol-digit", json{{"score", -1}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("0 to 150"), std::string::npos);
}

TEST(CognitiveResult, ChecksKnownDetailFieldsAndReportsEveryProblem) {
  const auto errors = cognitive_result_errors(
      "pvt", json{{"score", 3.1}, {"lapses", -1}, {"false_starts", 1.5}, {"median_rt_ms", 0}});
  EXPECT_EQ(fields(errors), (std::vector<std::string>{"result.lapses", "result.false_starts",
                                                      "result.median_rt_ms"}));
  EXPECT_EQ(
      fields(cognitive_result_errors("pvt", json{{"score", 3.1}, {"lapses", 5}, {"trials", 3}})),
      std::vector<std::string>{"result.lapses"});
  EXPECT_EQ(fields(cognitive_result_errors("choice-rt",
                                           json{{"score", 2.6}, {"correct", 41}, {"trials", 40}})),
            std::vector<std::string>{"result.correct"});
  EXPECT_EQ(fields(cognitive_result_errors("symbol-digit", json{{"score", 50}, {"attempted", 45}})),
            std::vector<std::string>{"result.score"});
  EXPECT_EQ(fields(cognitive_result_errors("word-list-immediate", json{{"score", 8}, {"list", 2}})),
            std::vector<std::string>{"result.list"});
  // Unknown test and missing score at once.
  EXPECT_EQ(fields(cognitive_result_errors("nope", json::object())),
            (std::vector<std::string>{"test_id", "result.score"}));
}

TEST(CognitiveResult, ValidateThrowsOneErrorWithEveryFieldUnderThePrefix) {
  try {
    validate_cognitive_result("two-back", json{{"score", 9}, {"hits", "many"}},
                              "cognitive_session.result");
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(fields(e.errors()), (std::vector<std::string>{"cognitive_session.result.score",
                                                            "cognitive_session.result.hits"}));
  }
}

}  // namespace
}  // namespace taperlab::assess
