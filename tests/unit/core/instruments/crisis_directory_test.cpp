// The crisis directory and the crisis message shown when PHQ-9 item 9 is above 0.
#include "core/instruments/crisis_directory.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/instruments/crisis_message.hpp"
#include "io/instruments_load.hpp"

namespace taperlab {
namespace {

using nlohmann::json;

const CrisisDirectory& shipped_directory() {
  static const CrisisDirectory directory = io::load_crisis_directory(TAPERLAB_TEST_DATA_DIR);
  return directory;
}

json shipped_json() {
  std::ifstream in(std::filesystem::path(TAPERLAB_TEST_DATA_DIR) / "crisis" / "crisis_lines.json");
  return json::parse(in);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string directory_error_of(const json& doc) {
  try {
    parse_crisis_directory(doc, "crisis_lines.json");
  } catch (const DataFileError& e) {
    return e.what();
  }
  return "";
}

TEST(CrisisDirectory, UkAndGbAreTheSameCountry) {
  EXPECT_EQ(shipped_directory().lookup("UK").key, "GB");
  EXPECT_EQ(shipped_directory().lookup("gb").key, "GB");
  EXPECT_EQ(&shipped_directory().lookup("UK"), &shipped_directory().lookup("GB"));
}

TEST(CrisisDirectory, EuCountriesWithoutAnEntryFallBackToTheEu) {
  EXPECT_EQ(shipped_directory().lookup("PT").key, "EU");
  EXPECT_EQ(shipped_directory().lookup("EL").key, "EU");  // Greece by its EU code
  EXPECT_EQ(shipped_directory().lookup("DE").key, "DE");  // its own entry wins over the region
  EXPECT_EQ(shipped_directory().lookup("ZZ").key, "default");
  EXPECT_EQ(shipped_directory().lookup("").key, "default");
}

TEST(CrisisDirectory, TheEuRegionListsAllTwentySevenMembers) {
  const CrisisEntry& eu = shipped_directory().lookup("EU");
  EXPECT_EQ(eu.members.size(), 27u);
  EXPECT_EQ(eu.emergency.numbers, (std::vector<std::string>{"112"}));
}

TEST(CrisisDirectory, EveryShippedEntryIsSourcedAndDated) {
  std::vector<const CrisisEntry*> all;
  for (const auto& e : shipped_directory().countries()) all.push_back(&e);
  for (const auto& e : shipped_directory().regions()) all.push_back(&e);
  for (const CrisisEntry* e : all) {
    EXPECT_FALSE(e->emergency.numbers.empty()) << e->key;
    EXPECT_FALSE(e->emergency.source.empty()) << e->key;
    EXPECT_EQ(e->checked.size(), 10u) << e->key;
    for (const auto& line : e->lines) EXPECT_FALSE(line.source.empty()) << e->key;
  }
  for (const char* code : {"US", "GB", "IE", "CA", "AU", "NZ", "DE", "FR", "ES", "NL", "UA"}) {
    EXPECT_EQ(shipped_directory().lookup(code).key, code);
    EXPECT_FALSE(shipped_directory().lookup(code).lines.empty()) << code;
  }
}

TEST(CrisisMessage, UnitedStatesLists911And988) {
  const std::string m = crisis_message(shipped_directory(), "US");
  EXPECT_TRUE(contains(m, "thoughts of hurting yourself or that you would be better off dead"))
      << m;
  EXPECT_TRUE(contains(m, "You are not alone")) << m;
  EXPECT_TRUE(contains(m, "If you are in danger now, call 911.")) << m;
  EXPECT_TRUE(contains(m, "988 Suicide & Crisis Lifeline: call or text 988")) << m;
  EXPECT_TRUE(contains(m, "tell your prescriber or doctor today")) << m;
}

TEST(CrisisMessage, UkAndGbListSamaritans) {
  for (const char* code : {"UK", "GB", "uk"}) {
    const std::string m = crisis_message(shipped_directory(), code);
    EXPECT_TRUE(contains(m, "call 999")) << m;
    EXPECT_TRUE(contains(m, "Samaritans: call 116 123")) << m;
    EXPECT_TRUE(contains(m, "text SHOUT to 85258")) << m;
  }
}

TEST(CrisisMessage, EuCountryNotInTheTableGets112) {
  const std::string m = crisis_message(shipped_directory(), "PT");
  EXPECT_TRUE(contains(m, "If you are in danger now, call 112.")) << m;
  EXPECT_TRUE(contains(m, "a crisis line in your country")) << m;
  EXPECT_TRUE(contains(m, "tell your prescriber or doctor today")) << m;
}

TEST(CrisisMessage, UnknownCountryGetsTheDefault) {
  for (const char* code : {"", "XX", "Narnia"}) {
    const std::string m = crisis_message(shipped_directory(), code);
    EXPECT_TRUE(contains(m, "call your local emergency number")) << m;
    EXPECT_TRUE(contains(m, "tell your prescriber or doctor today")) << m;
  }
}

TEST(CrisisMessage, SeveralNumbersAreAlternatives) {
  EXPECT_TRUE(contains(crisis_message(shipped_directory(), "IE"), "call 112 or 999"));
  EXPECT_TRUE(contains(crisis_message(shipped_directory(), "DE"),
                       "TelefonSeelsorge: call 0800 111 0 111 or 0800 111 0 222"));
  EXPECT_TRUE(contains(crisis_message(shipped_directory(), "AU"),
                       "Lifeline: call 13 11 14 or text 0477 13 11 14"));
}

TEST(CrisisMessage, HelpNowIsTheCrisisMessageWithoutWhatThePersonSaid) {
  for (const char* code : {"US", "GB", "PT", "AU", "", "XX"}) {
    const std::string help = help_now_message(shipped_directory(), code);
    const std::string crisis = crisis_message(shipped_directory(), code);
    EXPECT_FALSE(contains(help, "You said")) << help;
    EXPECT_TRUE(help.rfind("If you are in danger now, call ", 0) == 0) << help;
    EXPECT_TRUE(contains(help, "tell your prescriber or doctor today")) << help;
    ASSERT_GT(crisis.size(), help.size());
    EXPECT_EQ(crisis.substr(crisis.size() - help.size()), help) << code;
  }
  EXPECT_TRUE(contains(help_now_message(shipped_directory(), "GB"), "Samaritans: call 116 123"));
}

TEST(CrisisMessage, DescribesALine) {
  CrisisLine line;
  line.name = "Test line";
  line.call = {"123"};
  line.cost = "free";
  line.hours = "evenings";
  line.note = "adults";
  EXPECT_EQ(describe_crisis_line(line), "Test line: call 123 (adults; free; evenings)");
  line.call.clear();
  line.text = "HELLO to 555";
  line.cost = line.hours = line.note = "";
  EXPECT_EQ(describe_crisis_line(line), "Test line: text HELLO to 555");
}

TEST(CrisisDirectory, MalformedFileNamesFileCountryAndField) {
  json doc = shipped_json();
  doc["countries"]["US"]["emergency"]["numbers"] = json::array();
  EXPECT_EQ(directory_error_of(doc),
            "crisis_lines.json: US: field 'emergency.numbers': needs at least one number");

  doc = shipped_json();
  doc["countries"]["GB"]["lines"][0]["call"] = {"116 l23"};
  EXPECT_NE(directory_error_of(doc).find("crisis_lines.json: GB: field 'lines[0].call[0]'"),
            std::string::npos);

  doc = shipped_json();
  doc["countries"]["FR"]["checked"] = "23/11/2026";
  EXPECT_NE(directory_error_of(doc).find("FR: field 'checked'"), std::string::npos);

  doc = shipped_json();
  doc["countries"]["usa"] = doc["countries"]["US"];
  EXPECT_NE(directory_error_of(doc).find("field 'countries.usa'"), std::string::npos);

  doc = shipped_json();
  doc["countries"]["NZ"]["lines"][0].erase("source");
  EXPECT_NE(directory_error_of(doc).find("NZ: field 'lines[0].source': is missing"),
            std::string::npos);
}

}  // namespace
}  // namespace taperlab
