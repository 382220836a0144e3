#include "core/instruments/symptom_checklist.hpp"

#include <gtest/gtest.h>

#include "core/base/error.hpp"
#include "io/instruments_load.hpp"

namespace taperlab {
namespace {

const Instrument& checklist() {
  static const InstrumentRegistry registry = io::load_instruments(TAPERLAB_TEST_DATA_DIR);
  return registry.find("symptom-checklist");
}

std::vector<FieldError> validation_errors(const std::map<std::string, int>& ratings) {
  try {
    validate_symptom_items(ratings, checklist(), "symptoms");
  } catch (const ValidationError& e) {
    return e.errors();
  }
  return {};
}

TEST(SymptomChecklist, ScoreIsTheSumOverTheAnsweredItems) {
  CheckIn c;
  c.symptoms = {{"anxiety", 2}, {"insomnia", 3}, {"tinnitus", 4}, {"headache", 1}};
  const SymptomScore s = symptom_score(c, checklist());
  EXPECT_EQ(s.sum, 10);
  EXPECT_EQ(s.max, 16);  // 4 answered x 4: the 18 not answered are not 0
  EXPECT_DOUBLE_EQ(*s.share, 10.0 / 16.0);
  EXPECT_EQ(s.answered, 4);
  EXPECT_EQ(s.items, 22);
  EXPECT_FALSE(s.counts);  // 4 of 22: too few to stand for the day
  EXPECT_EQ(s.highest_rating, 4);
  EXPECT_EQ(s.highest_item, "tinnitus");
  EXPECT_EQ(s.severe_items, 2);
}

TEST(SymptomChecklist, TheLeastThatCountsIsHalfTheShippedChecklist) {
  // kMinAnsweredSymptoms is written as a number; the data file is where the checklist lives.
  EXPECT_EQ(2 * kMinAnsweredSymptoms, static_cast<int>(checklist().items.size()));
  std::map<std::string, int> ratings;
  for (const auto& item : checklist().items) {
    if (static_cast<int>(ratings.size()) == kMinAnsweredSymptoms - 1) break;
    ratings[item.id] = 0;
  }
  EXPECT_FALSE(symptom_score(ratings, checklist()).counts);
  ratings[checklist().items.back().id] = 1;
  const SymptomScore s = symptom_score(ratings, checklist());
  EXPECT_TRUE(s.counts);
  EXPECT_EQ(s.answered, 11);
  EXPECT_EQ(s.max, 44);
  EXPECT_DOUBLE_EQ(*s.share, 1.0 / 44.0);
}

TEST(SymptomChecklist, EmptyAndFullCheckIns) {
  const SymptomScore none = symptom_score(CheckIn{}, checklist());
  EXPECT_EQ(none.sum, 0);
  EXPECT_EQ(none.max, 0);
  EXPECT_FALSE(none.share.has_value());  // nothing answered: no score, not a score of 0
  EXPECT_EQ(none.answered, 0);
  EXPECT_FALSE(none.counts);
  EXPECT_EQ(none.highest_item, "");
  std::map<std::string, int> all;
  for (const auto& item : checklist().items) all[item.id] = 4;
  const SymptomScore full = symptom_score(all, checklist());
  EXPECT_EQ(full.sum, 88);
  EXPECT_EQ(full.max, 88);
  EXPECT_EQ(full.answered, 22);
  EXPECT_TRUE(full.counts);
  EXPECT_DOUBLE_EQ(*full.share, 1.0);
  EXPECT_EQ(full.severe_items, 22);
  // The share of half the maximum is one half.
  for (auto& [id, rating] : all) rating = 2;
  EXPECT_DOUBLE_EQ(*symptom_score(all, checklist()).share, 0.5);
}

TEST(SymptomChecklist, RatingsOfItemsNoLongerListedAreIgnored) {
  const SymptomScore s = symptom_score({{"anxiety", 1}, {"retired-item", 4}}, checklist());
  EXPECT_EQ(s.sum, 1);
  EXPECT_EQ(s.answered, 1);
}

TEST(SymptomChecklist, UnknownItemsAreNamedWithASuggestion) {
  const auto errors = validation_errors({{"anxeity", 2}, {"low-mood", 7}});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "symptoms.anxeity");
  EXPECT_EQ(errors[0].message, "unknown symptom 'anxeity'; did you mean anxiety?");
  EXPECT_EQ(errors[1].field, "symptoms.low-mood");
  EXPECT_EQ(errors[1].message, "expected 0 to 4, got 7");
  EXPECT_TRUE(validation_errors({{"anxiety", 0}, {"restlessness", 4}}).empty());
}

TEST(SymptomChecklist, ParsesRatingsAndFillsTheRestWithZero) {
  const auto r = parse_symptom_ratings("anxiety=2, Insomnia = 3,", checklist(), "--symptoms");
  EXPECT_EQ(r.size(), 22u);
  EXPECT_EQ(r.at("anxiety"), 2);
  EXPECT_EQ(r.at("insomnia"), 3);
  EXPECT_EQ(r.at("tremor"), 0);
  const auto none = parse_symptom_ratings("", checklist(), "--symptoms");
  EXPECT_EQ(none.size(), 22u);
  EXPECT_EQ(symptom_score(none, checklist()).sum, 0);
}

TEST(SymptomChecklist, ParsedRatingsCanLeaveItemsNotAnswered) {
  // "item=-": not answered, even where the unlisted ones are "none".
  const auto r = parse_symptom_ratings("anxiety=2, Tremor=-", checklist(), "--symptoms");
  EXPECT_EQ(r.size(), 21u);
  EXPECT_FALSE(r.contains("tremor"));
  EXPECT_EQ(r.at("panic"), 0);
  // Asked one by one, an item skipped is not answered: only what was said is kept.
  const auto asked = parse_symptom_ratings("anxiety=2,panic=0", checklist(), "--symptoms",
                                           UnlistedSymptoms::kSkipped);
  EXPECT_EQ(asked, (std::map<std::string, int>{{"anxiety", 2}, {"panic", 0}}));
  EXPECT_TRUE(
      parse_symptom_ratings("", checklist(), "--symptoms", UnlistedSymptoms::kSkipped).empty());
  try {
    (void)parse_symptom_ratings("tremor=-, tremor=1, tremr=-", checklist(), "--symptoms");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);  // the repeat; the unknown id is checked after
    EXPECT_EQ(e.errors()[0].field, "--symptoms.tremor");
    EXPECT_EQ(e.errors()[0].message, "is given more than once");
  }
  try {
    (void)parse_symptom_ratings("tremr=-", checklist(), "--symptoms");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].field, "--symptoms.tremr");
    EXPECT_NE(e.errors()[0].message.find("did you mean tremor?"), std::string::npos);
  }
}

TEST(SymptomChecklist, MalformedRatingsNameTheField) {
  try {
    (void)parse_symptom_ratings("anxiety, panic=x, panic=2, low-mood=1, low-mood=2", checklist(),
                                "--symptoms");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 3u);
    EXPECT_EQ(e.errors()[0].field, "--symptoms");
    EXPECT_EQ(e.errors()[0].message, "expected item=rating (e.g. anxiety=2), got 'anxiety'");
    EXPECT_EQ(e.errors()[1].field, "--symptoms.panic");
    EXPECT_EQ(e.errors()[1].message, "expected a whole number rating, got 'x'");
    EXPECT_EQ(e.errors()[2].field, "--symptoms.low-mood");
    EXPECT_EQ(e.errors()[2].message, "is given more than once");
  }
  try {
    (void)parse_symptom_ratings("nausia=5", checklist(), "--symptoms");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].field, "--symptoms.nausia");
    EXPECT_NE(e.errors()[0].message.find("did you mean nausea?"), std::string::npos);
  }
}

TEST(SymptomChecklist, RefusesAnInstrumentThatIsNotAChecklist) {
  const InstrumentRegistry registry = io::load_instruments(TAPERLAB_TEST_DATA_DIR);
  EXPECT_THROW((void)symptom_score(CheckIn{}, registry.find("phq9")), Error);
}

}  // namespace
}  // namespace taperlab
