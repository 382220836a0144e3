// Importing an export into an existing person (the web app's account), on a real SQLite file: the
// demo journal moves over whole, a person with a journal refuses a second one, and a refused
// document (a wrong field, or a store that refuses half-way) leaves the person as they were.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "journal/demo.hpp"
#include "journal/export_import.hpp"
#include "journal_fixture.hpp"

namespace taperlab::journal {
namespace {

using testing::kToday;

class ImportInto : public testing::JournalFixture {
 protected:
  // A person as sign-up makes one: a name, a country, no journal.
  PersonId signed_up() {
    Person p;
    p.name = "Sam";
    p.profile.country = std::string("US");  // GCC 12 warns falsely on assigning the literal
    p.created_on = kToday;
    return repo().add_person(p);
  }
};

TEST_F(ImportInto, TheDemoJournalMovesOverWholeIntoTheSignedUpPerson) {
  const Person demo = load_demo_person(ctx(), "Alex");
  const nlohmann::json document = export_json(repo(), demo.id);
  const PersonId sam = signed_up();

  const ImportedCounts n = import_json_into(repo(), catalog(), sam, document, kToday);
  EXPECT_EQ(n.check_ins, 60u);
  EXPECT_EQ(n.doses, document.at("doses").size());
  EXPECT_EQ(n.plan_versions, document.at("plan_versions").size());
  EXPECT_EQ(n.decisions, document.at("decisions").size());
  EXPECT_EQ(n.questionnaire_responses, document.at("questionnaire_responses").size());
  EXPECT_EQ(n.cognitive_sessions, document.at("cognitive_sessions").size());
  EXPECT_EQ(n.regimens, document.at("regimens").size());

  // The same journal, under Sam's id and Sam's created_on; the name and profile are the demo's.
  nlohmann::json again = export_json(repo(), sam);
  EXPECT_EQ(again.at("person").at("created_on"), kToday.to_string());
  EXPECT_EQ(repo().find_person(sam)->name, "Alex");
  nlohmann::json expected = document;
  again.at("person").erase("created_on");
  expected.at("person").erase("created_on");
  EXPECT_EQ(again, expected);
  // The demo's own journal is untouched.
  EXPECT_EQ(export_json(repo(), demo.id), document);
}

TEST_F(ImportInto, APersonWithAJournalRefusesASecondOne) {
  const Person demo = load_demo_person(ctx(), "Alex");
  const nlohmann::json document = export_json(repo(), demo.id);
  EXPECT_THROW(import_json_into(repo(), catalog(), demo.id, document, kToday), Conflict);
  EXPECT_EQ(export_json(repo(), demo.id), document);
  EXPECT_THROW(import_json_into(repo(), catalog(), 9999, document, kToday), NotFound);
}

TEST_F(ImportInto, ARefusedDocumentChangesNothing) {
  const Person demo = load_demo_person(ctx(), "Alex");
  const nlohmann::json document = export_json(repo(), demo.id);
  const PersonId sam = signed_up();
  const nlohmann::json before = export_json(repo(), sam);

  nlohmann::json bad = document;
  bad["check_ins"][3]["sleep"]["quality"] = 11;
  bad["doses"][0]["drug_id"] = "clonazepan";
  bad["regimens"][0]["regimen"]["drugs"][0]["drug"] = "no-such-drug";
  try {
    import_json_into(repo(), catalog(), sam, bad, kToday);
    ADD_FAILURE() << "accepted a malformed document";
  } catch (const ValidationError& e) {
    std::vector<std::string> fields;
    for (const auto& fe : e.errors()) fields.push_back(fe.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"regimens[0].regimen.drugs[0].drug",
                                                "doses[0].drug_id", "check_ins[3].sleep.quality"}));
  }
  EXPECT_EQ(export_json(repo(), sam), before);

  // Two check-ins on one day: named by the reader, with the first one's place.
  bad = document;
  bad["check_ins"][59]["date"] = bad["check_ins"][57]["date"];
  try {
    import_json_into(repo(), catalog(), sam, bad, kToday);
    ADD_FAILURE() << "accepted two check-ins on one day";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "check_ins[59].date");
    EXPECT_NE(e.errors()[0].message.find("check_ins[57]"), std::string::npos)
        << e.errors()[0].message;
  }
  EXPECT_EQ(export_json(repo(), sam), before);
}

// Found by fuzz/import_fuzz (2026-12-08): a plan whose start regimen names a drug the catalogue
// does not know was stored, and then every screen that reads the plan (status, progress) refused
// it; the person could not fix what had been accepted.
TEST_F(ImportInto, APlanWhoseStartRegimenNamesAnUnknownDrugIsRefused) {
  const Person demo = load_demo_person(ctx(), "Alex");
  const nlohmann::json document = export_json(repo(), demo.id);
  const PersonId sam = signed_up();
  const nlohmann::json before = export_json(repo(), sam);

  nlohmann::json bad = document;
  bad["plan_versions"][0]["plan"]["start_regimen"]["drugs"][0]["drug"] = "clonazepamsss";
  try {
    import_json_into(repo(), catalog(), sam, bad, kToday);
    ADD_FAILURE() << "accepted a plan starting from an unknown drug";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "plan_versions[0].plan.start_regimen.drugs[0].drug");
  }
  EXPECT_EQ(export_json(repo(), sam), before);
}

TEST_F(ImportInto, AStoreThatRefusesHalfWayChangesNothing) {
  const Person demo = load_demo_person(ctx(), "Alex");
  const nlohmann::json document = export_json(repo(), demo.id);
  const PersonId sam = signed_up();
  const nlohmann::json before = export_json(repo(), sam);

  // Accepted by the reader, refused by the store at the last check-in (as a full disk or another
  // program's trigger would): the transaction takes back everything, name and profile included.
  const std::string last_day = document.at("check_ins").back().at("date");
  {
    SQLite::Database db(db_path().string(), SQLite::OPEN_READWRITE);
    db.exec("CREATE TRIGGER refuse_last_day BEFORE INSERT ON check_ins WHEN NEW.date = '" +
            last_day + "' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  }
  EXPECT_THROW(import_json_into(repo(), catalog(), sam, document, kToday), Error);
  EXPECT_EQ(export_json(repo(), sam), before);
  EXPECT_EQ(repo().find_person(sam)->name, "Sam");
}

}  // namespace
}  // namespace taperlab::journal
