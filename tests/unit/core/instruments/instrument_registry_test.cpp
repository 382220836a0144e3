#include "core/instruments/instrument_registry.hpp"

#include <gtest/gtest.h>

#include "core/base/error.hpp"
#include "io/instruments_load.hpp"

namespace taperlab {
namespace {

Instrument named(const std::string& id, const std::string& name) {
  Instrument in;
  in.id = id;
  in.name = name;
  return in;
}

TEST(InstrumentRegistry, FindsByIdOrNameIgnoringCase) {
  const InstrumentRegistry r({named("phq9", "PHQ-9"), named("gad7", "GAD-7")});
  EXPECT_EQ(r.find("phq9").id, "phq9");
  EXPECT_EQ(r.find("PHQ-9").id, "phq9");
  EXPECT_EQ(r.find(" Gad7 ").id, "gad7");
  EXPECT_EQ(r.try_find("isi"), nullptr);
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"phq9", "gad7"}));
}

TEST(InstrumentRegistry, UnknownNameSuggestsAndListsTheKnownOnes) {
  const InstrumentRegistry r({named("phq9", "PHQ-9"), named("gad7", "GAD-7")});
  try {
    (void)r.find("phq8");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "instrument");
    EXPECT_EQ(e.errors()[0].message,
              "unknown questionnaire 'phq8'; did you mean phq9?; known: phq9, gad7");
  }
  try {
    (void)r.find("x", "--questionnaire");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].field, "--questionnaire");
    EXPECT_EQ(e.errors()[0].message, "unknown questionnaire 'x'; known: phq9, gad7");
  }
}

TEST(InstrumentRegistry, RefusesADuplicateId) {
  InstrumentRegistry r;
  r.add(named("phq9", "PHQ-9"));
  EXPECT_THROW(r.add(named("phq9", "other")), Conflict);
}

TEST(InstrumentRegistry, ShippedRegistryListsEveryInstrumentInFileOrder) {
  const InstrumentRegistry r = io::load_instruments(TAPERLAB_TEST_DATA_DIR);
  EXPECT_EQ(r.ids(), (std::vector<std::string>{"bwsq", "ciwa-b", "gad7", "isi", "phq9", "psqi",
                                               "sleep-diary", "symptom-checklist"}));
}

}  // namespace
}  // namespace taperlab
