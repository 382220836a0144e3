// Instrument data files: every shipped file parses, and a malformed one names file and field.
#include "core/instruments/instrument_parse.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"

namespace taperlab {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

json read_shipped(const std::string& id) {
  std::ifstream in(fs::path(TAPERLAB_TEST_DATA_DIR) / "instruments" / (id + ".json"));
  return json::parse(in);
}

Instrument shipped_instrument(const std::string& id) {
  return parse_instrument(read_shipped(id), id + ".json");
}

json small_questionnaire() {
  return {
      {"id", "test-q"},
      {"name", "TQ-2"},
      {"kind", "questionnaire"},
      {"purpose", "testing"},
      {"validated", true},
      {"instructions", "Over the last week:"},
      {"recall_period", "over the last week"},
      {"frequency",
       {{"every_days", 7}, {"text", "weekly"}, {"evidence", "assumed"}, {"source", "t"}}},
      {"response_options", {{{"value", 0}, {"label", "no"}}, {{"value", 1}, {"label", "yes"}}}},
      {"items", {{{"id", "first"}, {"text", "First?"}}, {{"id", "second"}, {"text", "2nd?"}}}},
      {"scoring",
       {{"method", "sum"},
        {"min", 0},
        {"max", 2},
        {"bands", {{{"min", 0}, {"label", "low"}}, {{"min", 2}, {"label", "high"}}}},
        {"evidence", "published"},
        {"source", "t"}}},
      {"crisis_rule", {{"item", "second"}, {"above", 0}, {"evidence", "assumed"}, {"source", "t"}}},
      {"licence",
       {{"status", "free"}, {"items_may_be_reproduced", true}, {"text", "free"}, {"source", "t"}}},
      {"citation", "Test 2026"}};
}

std::string instrument_error_of(const json& doc) {
  try {
    parse_instrument(doc, "data/instruments/test-q.json");
  } catch (const DataFileError& e) {
    return e.what();
  }
  return "";
}

TEST(InstrumentParse, Phq9HasNineItemsBandsAndTheItem9CrisisRule) {
  const Instrument phq9 = shipped_instrument("phq9");
  EXPECT_EQ(phq9.kind, InstrumentKind::kQuestionnaire);
  EXPECT_EQ(phq9.name, "PHQ-9");
  ASSERT_EQ(phq9.items.size(), 9u);
  for (const auto& item : phq9.items) {
    ASSERT_EQ(item.options.size(), 4u) << item.id;
    EXPECT_EQ(item.options[0].label, "Not at all");
    EXPECT_EQ(item.options[1].label, "Several days");
    EXPECT_EQ(item.options[2].label, "More than half the days");
    EXPECT_EQ(item.options[3].label, "Nearly every day");
  }
  EXPECT_EQ(phq9.items[0].text, "Little interest or pleasure in doing things");
  EXPECT_EQ(phq9.items[8].text,
            "Thoughts that you would be better off dead or of hurting yourself in some way");
  ASSERT_TRUE(phq9.scoring);
  EXPECT_EQ(phq9.scoring->min, 0);
  EXPECT_EQ(phq9.scoring->max, 27);
  ASSERT_EQ(phq9.scoring->bands.size(), 5u);
  EXPECT_EQ(phq9.scoring->bands[3].label, "moderately severe");
  EXPECT_EQ(phq9.scoring->evidence, Evidence::kPublished);
  EXPECT_NE(phq9.scoring->source.find("Kroenke 2001"), std::string::npos);
  EXPECT_EQ(phq9.recall_period, "over the last 2 weeks");
  ASSERT_TRUE(phq9.frequency);
  EXPECT_EQ(phq9.frequency->every_days, 14);
  ASSERT_TRUE(phq9.crisis_rule);
  EXPECT_EQ(phq9.crisis_rule->item_index, 8u);
  EXPECT_EQ(phq9.crisis_rule->above, 0);
  EXPECT_TRUE(phq9.licence.items_may_be_reproduced);
  EXPECT_EQ(phq9.licence.status, LicenceStatus::kFree);
  EXPECT_NE(phq9.licence.text.find("No permission required"), std::string::npos);
  EXPECT_NE(phq9.licence.text.find("Pfizer"), std::string::npos);
}

TEST(InstrumentParse, Gad7HasSevenItemsAndFourBands) {
  const Instrument gad7 = shipped_instrument("gad7");
  ASSERT_EQ(gad7.items.size(), 7u);
  ASSERT_TRUE(gad7.scoring);
  EXPECT_EQ(gad7.scoring->max, 21);
  ASSERT_EQ(gad7.scoring->bands.size(), 4u);
  EXPECT_EQ(gad7.scoring->bands[1].min, 5);
  EXPECT_EQ(gad7.scoring->bands[2].min, 10);
  EXPECT_EQ(gad7.scoring->bands[3].min, 15);
  EXPECT_FALSE(gad7.crisis_rule);
  EXPECT_NE(gad7.citation.find("Spitzer"), std::string::npos);
}

TEST(InstrumentParse, SymptomChecklistIsTaperlabsOwnAndSaysItIsNotValidated) {
  const Instrument c = shipped_instrument("symptom-checklist");
  EXPECT_EQ(c.kind, InstrumentKind::kChecklist);
  EXPECT_FALSE(c.validated);
  EXPECT_NE(c.validation_note.find("not a validated scale"), std::string::npos);
  ASSERT_EQ(c.items.size(), 22u);
  EXPECT_EQ(c.items[0].id, "anxiety");
  EXPECT_EQ(c.items[3].id, "low-mood");
  EXPECT_EQ(c.items[9].id, "muscle-tension");
  EXPECT_EQ(c.items[0].options.back().label, "very severe");
  ASSERT_TRUE(c.scoring);
  EXPECT_EQ(c.scoring->max, 88);
  EXPECT_TRUE(c.scoring->show_as_share);
  EXPECT_TRUE(c.scoring->bands.empty());
  EXPECT_EQ(c.recall_period, "today");
}

TEST(InstrumentParse, SleepDiaryIsADescriptiveEntry) {
  const Instrument d = shipped_instrument("sleep-diary");
  EXPECT_EQ(d.kind, InstrumentKind::kDiary);
  EXPECT_FALSE(d.scored());
  ASSERT_EQ(d.fields.size(), 5u);
  EXPECT_EQ(d.fields[0].id, "bedtime");
  EXPECT_EQ(d.fields[0].type, DiaryFieldType::kTime);
  EXPECT_EQ(d.fields[1].id, "minutes_to_fall_asleep");
  EXPECT_EQ(d.fields[1].max, 720);
  EXPECT_EQ(d.fields[2].max, 50);
  EXPECT_EQ(d.fields[3].id, "wake_time");
  EXPECT_EQ(d.fields[4].id, "quality");
  EXPECT_EQ(d.fields[4].min, 0);
  EXPECT_EQ(d.fields[4].max, 10);
}

TEST(InstrumentParse, BringYourOwnLicenceEntriesShipNoItems) {
  for (const char* id : {"ciwa-b", "bwsq", "isi", "psqi"}) {
    const Instrument in = shipped_instrument(id);
    EXPECT_EQ(in.kind, InstrumentKind::kByol) << id;
    EXPECT_TRUE(in.items.empty()) << id;
    EXPECT_FALSE(in.scoring) << id;
    EXPECT_FALSE(in.licence.items_may_be_reproduced) << id;
    EXPECT_TRUE(in.licence.requires_licence_file) << id;
    EXPECT_FALSE(in.citation.empty()) << id;
    EXPECT_FALSE(read_shipped(id).contains("items")) << id;
  }
}

TEST(InstrumentParse, ReadsAValidDocument) {
  const Instrument in = parse_instrument(small_questionnaire(), "x.json");
  EXPECT_EQ(in.items[1].options[1].label, "yes");
  EXPECT_EQ(in.crisis_rule->item_index, 1u);
}

TEST(InstrumentParse, ErrorsNameFileInstrumentAndField) {
  json doc = small_questionnaire();
  doc["scoring"]["max"] = 3;
  EXPECT_EQ(instrument_error_of(doc),
            "data/instruments/test-q.json: test-q: field 'scoring.max': is 3 but the items add "
            "up to 2");

  doc = small_questionnaire();
  doc["items"][1].erase("text");
  EXPECT_EQ(instrument_error_of(doc),
            "data/instruments/test-q.json: test-q: field 'items[1].text': is missing");

  doc = small_questionnaire();
  doc["scoring"]["bands"][1]["min"] = 0;
  EXPECT_NE(instrument_error_of(doc).find(
                "field 'scoring.bands[1].min': band lower bounds must be strictly"),
            std::string::npos);

  doc = small_questionnaire();
  doc["response_options"][1]["value"] = "one";
  EXPECT_NE(
      instrument_error_of(doc).find("field 'response_options[1].value': expected a whole number"),
      std::string::npos);
}

TEST(InstrumentParse, MisspeltKeysAreRejectedSoACrisisRuleCannotVanish) {
  json doc = small_questionnaire();
  doc["crisis_rules"] = doc["crisis_rule"];
  doc.erase("crisis_rule");
  EXPECT_NE(instrument_error_of(doc).find("field 'crisis_rules': unknown key"), std::string::npos);

  json phq9 = read_shipped("phq9");
  phq9.erase("crisis_rule");
  try {
    parse_instrument(phq9, "phq9.json");
    FAIL();
  } catch (const DataFileError& e) {
    EXPECT_NE(std::string(e.what()).find("phq9.json: phq9: field 'crisis_rule'"),
              std::string::npos);
  }
}

TEST(InstrumentParse, CrisisRuleMustNameAnItemAndBeReachable) {
  json doc = small_questionnaire();
  doc["crisis_rule"]["item"] = "ninth";
  EXPECT_NE(instrument_error_of(doc).find("field 'crisis_rule.item': no item has the id 'ninth'"),
            std::string::npos);
  doc = small_questionnaire();
  doc["crisis_rule"]["above"] = 1;
  EXPECT_NE(instrument_error_of(doc).find("field 'crisis_rule.above'"), std::string::npos);
}

TEST(InstrumentParse, LicenceRulesKeepCopyrightedItemsOut) {
  json doc = small_questionnaire();
  doc["licence"]["items_may_be_reproduced"] = false;
  EXPECT_NE(instrument_error_of(doc).find("must be a byol entry"), std::string::npos);

  json byol = read_shipped("isi");
  byol["items"] = small_questionnaire()["items"];
  try {
    parse_instrument(byol, "isi.json");
    FAIL();
  } catch (const DataFileError& e) {
    EXPECT_NE(std::string(e.what()).find("isi.json: isi: field 'items'"), std::string::npos);
  }
}

TEST(InstrumentParse, UnvalidatedInstrumentsNeedANote) {
  json doc = small_questionnaire();
  doc["validated"] = false;
  EXPECT_NE(instrument_error_of(doc).find("field 'validation_note'"), std::string::npos);
}

TEST(InstrumentParse, NotAnObjectOrNoId) {
  EXPECT_EQ(instrument_error_of(json::array()),
            "data/instruments/test-q.json: expected a JSON object");
  json doc = small_questionnaire();
  doc.erase("id");
  EXPECT_EQ(instrument_error_of(doc), "data/instruments/test-q.json: field 'id': is missing");
  doc["id"] = "Not Kebab";
  EXPECT_NE(instrument_error_of(doc).find("field 'id': expected a kebab-case id"),
            std::string::npos);
}

}  // namespace
}  // namespace taperlab
