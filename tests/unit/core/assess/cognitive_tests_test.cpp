#include "core/assess/cognitive_tests.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/base/error.hpp"

namespace taperlab::assess {
namespace {

TEST(CognitiveTests, ListsEveryTestOfTheDesignOnce) {
  std::set<std::string> ids;
  for (const auto& t : cognitive_tests()) ids.insert(t.id);
  EXPECT_EQ(ids, (std::set<std::string>{"pvt", "choice-rt", "digit-span-forward",
                                        "digit-span-backward", "two-back", "symbol-digit",
                                        "word-list-immediate", "word-list-delayed"}));
  EXPECT_EQ(cognitive_tests().size(), ids.size());
}

TEST(CognitiveTests, EveryNumberIsUsableAndSaysWhereItComesFrom) {
  for (const auto& t : cognitive_tests()) {
    SCOPED_TRACE(t.id);
    EXPECT_FALSE(t.name.empty());
    EXPECT_FALSE(t.unit.empty());
    EXPECT_FALSE(t.method_source.empty());
    EXPECT_LT(t.range.min, t.range.max);
    EXPECT_GE(t.retest_r.value, 0.0);
    EXPECT_LT(t.retest_r.value, 1.0);
    EXPECT_GT(t.between_person_sd.value, 0.0);
    for (const Sourced* s : {&t.retest_r, &t.between_person_sd}) {
      EXPECT_FALSE(s->source.empty());
      // An assumption must say why it was made.
      if (s->evidence != Evidence::kPublished) {
        EXPECT_FALSE(s->note.empty());
      }
    }
  }
}

TEST(CognitiveTests, DigitSpanUsesThePublishedPeblReliability) {
  const CognitiveTest* t = find_cognitive_test("digit-span-forward");
  ASSERT_NE(t, nullptr);
  EXPECT_DOUBLE_EQ(t->retest_r.value, 0.63);
  EXPECT_EQ(t->retest_r.evidence, Evidence::kPublished);
  EXPECT_NE(t->retest_r.source.find("Piper"), std::string::npos);
  EXPECT_TRUE(t->range.whole_number);
}

TEST(CognitiveTests, OnlyReactionTimeScoresAreLowerIsBetter) {
  for (const auto& t : cognitive_tests()) {
    EXPECT_EQ(t.higher_is_better, t.id != "choice-rt") << t.id;
  }
  EXPECT_EQ(find_cognitive_test("word-list-delayed")->range.max, kWordListLength);
}

TEST(CognitiveTests, UnknownIdIsAValidationErrorListingTheKnownOnes) {
  EXPECT_EQ(find_cognitive_test("Digit-Span-Forward"), nullptr);
  try {
    require_cognitive_test("stroop", "test_id");
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "test_id");
    EXPECT_NE(e.errors()[0].message.find("stroop"), std::string::npos);
    EXPECT_NE(e.errors()[0].message.find("pvt, choice-rt"), std::string::npos);
  }
  EXPECT_EQ(require_cognitive_test("pvt", "test_id").id, "pvt");
}

}  // namespace
}  // namespace taperlab::assess
