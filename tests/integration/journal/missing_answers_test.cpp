// Missing is not zero, through the journal on a real SQLite file: a check-in keeps only the
// symptoms answered (the store's JSON has no key for the others), its score names how many were
// answered, a day with too few answers has no share in the insights, rows stored by the old form
// keep their zeros, and the JSON export and import carry "not answered" across unchanged.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "journal/check_ins.hpp"
#include "journal/export_import.hpp"
#include "journal/insights.hpp"
#include "journal_fixture.hpp"

namespace taperlab::journal {
namespace {

using testing::kToday;

class MissingAnswers : public testing::JournalFixture {
 protected:
  Person signed_up(const std::string& name) {
    Person p;
    p.name = name;
    p.profile.country = std::string("GB");  // GCC 12 warns falsely on assigning the literal
    p.created_on = kToday.plus_days(-30);
    p.id = repo().add_person(p);
    return p;
  }

  // The symptoms column as stored, read as another program would.
  std::string stored_symptoms_text(PersonId person, CivilDate date) {
    SQLite::Database db(db_path().string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT symptoms FROM check_ins WHERE person_id = ? AND date = ?");
    q.bind(1, person);
    q.bind(2, date.to_string());
    EXPECT_TRUE(q.executeStep());
    return q.getColumn(0).getString();
  }
};

TEST_F(MissingAnswers, OnlyTheAnsweredSymptomsAreStoredAndScored) {
  const Person p = signed_up("Sam");
  CheckIn c;
  c.date = kToday;
  c.symptoms = {{"anxiety", 2}, {"panic", 0}, {"tremor", 1}};
  const CheckInResult r = record_check_in(ctx(), p, c, false);

  EXPECT_EQ(stored_symptoms_text(p.id, kToday), R"({"anxiety":2,"panic":0,"tremor":1})");
  EXPECT_EQ(repo().check_in_on(p.id, kToday)->symptoms, c.symptoms);
  EXPECT_FALSE(repo().check_in_on(p.id, kToday)->mood.has_value());
  EXPECT_EQ(r.score.sum, 3);
  EXPECT_EQ(r.score.max, 12);
  EXPECT_EQ(r.score.answered, 3);
  EXPECT_EQ(r.score.items, 22);
  EXPECT_FALSE(r.score.counts);

  // Too few answers: the day is in the insights without a symptom share (a gap, not 0%).
  const insight::InsightInput in = insight_input(repo(), p.id, kToday);
  ASSERT_EQ(in.days.size(), 1u);
  EXPECT_FALSE(in.days[0].symptom_share.has_value());
  EXPECT_EQ(in.days[0].symptoms_answered, 3);
}

TEST_F(MissingAnswers, RowsFromTheOldFormKeepTheirZeros) {
  // The old form sent 0 for every untouched symptom; those rows are kept as they are (nothing is
  // turned into "not answered" after the fact), and count as answered.
  const Person p = signed_up("Kim");
  CheckIn old;
  old.person_id = p.id;
  old.date = kToday.plus_days(-1);
  for (const auto& item : instruments().find("symptom-checklist").items) old.symptoms[item.id] = 0;
  old.symptoms["anxiety"] = 2;
  repo().add_check_in(old);
  const CheckIn back = *repo().check_in_on(p.id, old.date);
  EXPECT_EQ(back.symptoms.size(), 22u);
  EXPECT_EQ(back.symptoms.at("tremor"), 0);
  const insight::InsightInput in = insight_input(repo(), p.id, old.date);
  ASSERT_EQ(in.days.size(), 1u);
  EXPECT_EQ(in.days[0].symptoms_answered, 22);
  EXPECT_DOUBLE_EQ(*in.days[0].symptom_share, 2.0 / 88.0);
}

TEST_F(MissingAnswers, ExportAndImportKeepNotAnswered) {
  const Person p = signed_up("Ash");
  CheckIn sparse;
  sparse.date = kToday.plus_days(-2);
  sparse.symptoms = {{"anxiety", 0}, {"insomnia", 3}};
  sparse.sleep.quality = 0;  // an answer of 0 is kept as 0
  record_check_in(ctx(), p, sparse, false);
  CheckIn none;  // nothing answered at all
  none.date = kToday.plus_days(-1);
  none.notes = "skipped the checklist";
  record_check_in(ctx(), p, none, false);

  nlohmann::json document = export_json(repo(), p.id);
  const nlohmann::json& exported = document.at("check_ins");
  ASSERT_EQ(exported.size(), 2u);
  EXPECT_EQ(exported[0].at("symptoms"), nlohmann::json({{"anxiety", 0}, {"insomnia", 3}}));
  EXPECT_EQ(exported[1].at("symptoms"), nlohmann::json::object());
  EXPECT_TRUE(exported[1].at("mood").is_null());

  // A document that gives "not answered" as null (another tool's, or edited by hand) means the
  // same thing.
  document["check_ins"][0]["symptoms"]["tremor"] = nullptr;
  const Person q = signed_up("Jo");
  import_json_into(repo(), catalog(), q.id, document, kToday);
  EXPECT_EQ(repo().check_in_on(q.id, sparse.date)->symptoms,
            (std::map<std::string, int>{{"anxiety", 0}, {"insomnia", 3}}));
  EXPECT_EQ(repo().check_in_on(q.id, sparse.date)->sleep.quality, 0);
  EXPECT_TRUE(repo().check_in_on(q.id, none.date)->symptoms.empty());
  EXPECT_EQ(stored_symptoms_text(q.id, none.date), "{}");
}

}  // namespace
}  // namespace taperlab::journal
