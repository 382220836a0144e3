// Scoring the shipped questionnaires: bands at their published boundaries, answer validation
// messages, the PHQ-9 crisis rule, and refusals for diaries and bring-your-own-licence entries.
#include "core/instruments/instrument_score.hpp"

#include <gtest/gtest.h>

#include "core/base/error.hpp"
#include "core/instruments/instrument_registry.hpp"
#include "io/instruments_load.hpp"

namespace taperlab {
namespace {

const InstrumentRegistry& shipped_registry() {
  static const InstrumentRegistry registry = io::load_instruments(TAPERLAB_TEST_DATA_DIR);
  return registry;
}

// Answers adding up to `total`, filled from the first item (each at most `per_item`).
std::vector<int> answers_for(std::size_t items, int total, int per_item = 3) {
  std::vector<int> out(items, 0);
  for (auto& a : out) {
    a = std::min(per_item, total);
    total -= a;
  }
  return out;
}

std::vector<FieldError> score_errors_of(const Instrument& in, const std::vector<int>& answers,
                                        const std::string& field = "--answers") {
  try {
    (void)score(in, answers, field);
  } catch (const ValidationError& e) {
    return e.errors();
  }
  return {};
}

TEST(InstrumentScore, Phq9BandBoundaries) {
  const Instrument& phq9 = shipped_registry().find("phq9");
  const std::vector<std::pair<int, std::string>> cases = {{0, "minimal"},
                                                          {4, "minimal"},
                                                          {5, "mild"},
                                                          {9, "mild"},
                                                          {10, "moderate"},
                                                          {14, "moderate"},
                                                          {15, "moderately severe"},
                                                          {19, "moderately severe"},
                                                          {20, "severe"},
                                                          {27, "severe"}};
  for (const auto& [total, band] : cases) {
    const InstrumentScore s = score(phq9, answers_for(9, total), "--answers");
    EXPECT_EQ(s.total, total);
    EXPECT_EQ(s.band, band) << total;
    EXPECT_EQ(s.max, 27);
  }
}

TEST(InstrumentScore, Gad7BandBoundaries) {
  const Instrument& gad7 = shipped_registry().find("GAD-7");
  const std::vector<std::pair<int, std::string>> cases = {
      {0, "minimal"},   {4, "minimal"},   {5, "mild"},    {9, "mild"},
      {10, "moderate"}, {14, "moderate"}, {15, "severe"}, {21, "severe"}};
  for (const auto& [total, band] : cases) {
    const InstrumentScore s = score(gad7, answers_for(7, total), "answers");
    EXPECT_EQ(s.band, band) << total;
    EXPECT_EQ(s.max, 21);
  }
  EXPECT_DOUBLE_EQ(score(gad7, answers_for(7, 21), "answers").share, 1.0);
}

TEST(InstrumentScore, WrongNumberOfAnswersNamesTheField) {
  const auto errors = score_errors_of(shipped_registry().find("phq9"), {0, 1, 2});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "--answers");
  EXPECT_EQ(errors[0].message, "expected 9 answers, one per item of PHQ-9, got 3");
}

TEST(InstrumentScore, EveryAnswerOutOfRangeIsNamedWithItsItemNumber) {
  const auto errors =
      score_errors_of(shipped_registry().find("phq9"), {0, 0, 5, 0, 0, -1, 0, 0, 0}, "answers");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "answers[2]");
  EXPECT_EQ(errors[0].message, "item 3: expected 0 to 3, got 5");
  EXPECT_EQ(errors[1].field, "answers[5]");
  EXPECT_EQ(errors[1].message, "item 6: expected 0 to 3, got -1");
}

TEST(InstrumentScore, ParsesCommaSeparatedAnswers) {
  EXPECT_EQ(parse_answers("0,1,2,3", "--answers"), (std::vector<int>{0, 1, 2, 3}));
  EXPECT_EQ(parse_answers(" 0, 1 ,2 ", "--answers"), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(parse_answers("-1", "--answers"), (std::vector<int>{-1}));  // score() rejects it
}

TEST(InstrumentScore, NonNumbersAreNamedByPosition) {
  try {
    (void)parse_answers("0,x,2,,1.5", "--answers");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 3u);
    EXPECT_EQ(e.errors()[0].field, "--answers[1]");
    EXPECT_EQ(e.errors()[0].message, "answer 2: expected a whole number, got 'x'");
    EXPECT_EQ(e.errors()[1].field, "--answers[3]");
    EXPECT_EQ(e.errors()[1].message, "answer 4 is empty");
    EXPECT_EQ(e.errors()[2].message, "answer 5: expected a whole number, got '1.5'");
  }
  try {
    (void)parse_answers("  ", "--answers");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].field, "--answers");
  }
}

TEST(InstrumentScore, Phq9Item9AboveZeroNeedsTheCrisisMessage) {
  const Instrument& phq9 = shipped_registry().find("phq9");
  std::vector<int> answers(9, 3);
  answers[8] = 0;
  EXPECT_FALSE(needs_crisis_message(phq9, answers));
  for (int item9 = 1; item9 <= 3; ++item9) {
    std::vector<int> a(9, 0);
    a[8] = item9;
    EXPECT_TRUE(needs_crisis_message(phq9, a)) << item9;
  }
  // Other questionnaires have no crisis rule, whatever the answers.
  EXPECT_FALSE(needs_crisis_message(shipped_registry().find("gad7"), std::vector<int>(7, 3)));
}

TEST(InstrumentScore, BringYourOwnLicenceEntriesRefuseToBeScored) {
  for (const char* id : {"ciwa-b", "bwsq", "isi", "psqi"}) {
    try {
      (void)score(shipped_registry().find(id), {0, 1}, "--answers");
      FAIL() << id;
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.errors()[0].field, "instrument");
      EXPECT_NE(e.errors()[0].message.find("cannot be administered or scored by taperlab"),
                std::string::npos);
      EXPECT_NE(e.errors()[0].message.find("licence file"), std::string::npos);
    }
  }
}

TEST(InstrumentScore, DiaryHasNoTotal) {
  try {
    (void)score(shipped_registry().find("sleep-diary"), {}, "--answers");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].message, "Sleep diary is a diary with no total score");
  }
}

}  // namespace
}  // namespace taperlab
