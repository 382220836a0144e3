#include "core/plan/formulation_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "core/base/error.hpp"
#include "core/drugs/catalog.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::shipped_catalog;

FormulationSet parse_set(const std::string& text) {
  return parse_formulations(text, shipped_catalog());
}

// The message of the ValidationError that parsing `text` throws; checks it names the option.
std::string parse_error(const std::string& text, const std::string& field = "--formulations") {
  try {
    parse_formulations(text, shipped_catalog(), field);
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors().front().field, field);
    return e.what();
  }
  ADD_FAILURE() << "no error for: " << text;
  return "";
}

const DispensingOption* find(const FormulationSet& set, const std::string& drug,
                             FormulationForm form, double strength) {
  for (const auto& o : set.options) {
    const double s = o.is_liquid() ? o.strength_mg_per_ml : o.strength_mg;
    if (o.drug_id == drug && o.form == form && std::abs(s - strength) < 1e-9) return &o;
  }
  return nullptr;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(FormulationSet, ParsesTheHeaderExample) {
  const FormulationSet set = parse_set(
      "diazepam:2,5,10 tablet half; clonazepam:0.5 tablet; diazepam:1 solution; lorazepam:0.1 "
      "capsule compounded");
  ASSERT_EQ(set.options.size(), 6u);
  for (double s : {2.0, 5.0, 10.0}) {
    const auto* o = find(set, "diazepam", FormulationForm::kTablet, s);
    ASSERT_NE(o, nullptr) << s;
    EXPECT_EQ(o->split, Split::kHalf);
    EXPECT_FALSE(o->compounded);
  }
  const auto* clonazepam = find(set, "clonazepam", FormulationForm::kTablet, 0.5);
  ASSERT_NE(clonazepam, nullptr);
  EXPECT_EQ(clonazepam->split, Split::kNone) << "a tablet without a split word is whole only";
  const auto* liquid = find(set, "diazepam", FormulationForm::kOralSolution, 1.0);
  ASSERT_NE(liquid, nullptr);
  EXPECT_TRUE(liquid->is_liquid());
  EXPECT_DOUBLE_EQ(liquid->measure_increment_ml, 0.1);
  EXPECT_DOUBLE_EQ(liquid->strength_mg, 0.0);
  const auto* compounded = find(set, "lorazepam", FormulationForm::kCapsule, 0.1);
  ASSERT_NE(compounded, nullptr);
  EXPECT_TRUE(compounded->compounded);
  EXPECT_EQ(compounded->split, Split::kNone);

  EXPECT_EQ(set.for_drug("diazepam").size(), 4u);
  EXPECT_TRUE(set.has_drug("lorazepam"));
  EXPECT_FALSE(set.has_drug("alprazolam"));
  EXPECT_DOUBLE_EQ(set.smallest_amount_mg("diazepam"), 0.1);  // 0.1 mL of 1 mg/mL
  EXPECT_DOUBLE_EQ(set.smallest_amount_mg("clonazepam"), 0.5);
  EXPECT_DOUBLE_EQ(set.smallest_amount_mg("alprazolam"), 0.0);
}

TEST(FormulationSet, AcceptsSynonymsPluralsBrandsAndLooseSpacing) {
  const FormulationSet set = parse_set(
      "  Valium : 2 , 5,10   tablets   halves ;diazepam:1 liquid;  diazepam: 5 oral_solution "
      "step=0.5; clonazepam:0.5mg tablet quarter; clonazepam:0.1 mg/mL oral solution step = 0.2 "
      "mL; alprazolam:1 oral liquid;");
  const auto* five = find(set, "diazepam", FormulationForm::kTablet, 5);
  ASSERT_NE(five, nullptr);
  EXPECT_EQ(five->split, Split::kHalf);
  const auto* one = find(set, "diazepam", FormulationForm::kOralSolution, 1);
  ASSERT_NE(one, nullptr);
  const auto* strong = find(set, "diazepam", FormulationForm::kOralSolution, 5);
  ASSERT_NE(strong, nullptr);
  EXPECT_DOUBLE_EQ(strong->measure_increment_ml, 0.5);
  const auto* quarter = find(set, "clonazepam", FormulationForm::kTablet, 0.5);
  ASSERT_NE(quarter, nullptr);
  EXPECT_EQ(quarter->split, Split::kQuarter);
  const auto* drops = find(set, "clonazepam", FormulationForm::kOralSolution, 0.1);
  ASSERT_NE(drops, nullptr);
  EXPECT_DOUBLE_EQ(drops->measure_increment_ml, 0.2);
  EXPECT_NE(find(set, "alprazolam", FormulationForm::kOralSolution, 1), nullptr);
  EXPECT_EQ(set.options.size(), 8u);
}

TEST(FormulationSet, CapsulesAndOdtsAreWholeAndWholeIsExplicit) {
  const FormulationSet set =
      parse_set("oxazepam:10,15 capsules; clonazepam:0.125,0.25 odt; diazepam:2 tablet whole");
  for (const auto& o : set.options) EXPECT_EQ(o.split, Split::kNone) << o.describe();
  EXPECT_EQ(set.options.size(), 5u);
}

TEST(FormulationSet, MergesDuplicatesIntoTheFinerSplit) {
  const FormulationSet set = parse_set(
      "diazepam:2 tablet; diazepam:2,5 tablet quarter; diazepam:2 tablet half; diazepam:1 "
      "solution step=0.5; diazepam:1 solution");
  ASSERT_EQ(set.options.size(), 3u);
  EXPECT_EQ(find(set, "diazepam", FormulationForm::kTablet, 2)->split, Split::kQuarter);
  EXPECT_DOUBLE_EQ(find(set, "diazepam", FormulationForm::kOralSolution, 1)->measure_increment_ml,
                   0.1);
}

TEST(FormulationSet, CompoundedAllowsStrengthsTheCatalogueLacks) {
  const FormulationSet set =
      parse_set("diazepam:0.25, 0.75 capsule compounded; clonazepam:0.05 solution compounded");
  ASSERT_EQ(set.options.size(), 3u);
  EXPECT_TRUE(find(set, "diazepam", FormulationForm::kCapsule, 0.75)->compounded);
  EXPECT_TRUE(find(set, "clonazepam", FormulationForm::kOralSolution, 0.05)->compounded);
}

TEST(FormulationSet, EveryErrorNamesTheOptionAndTheItem) {
  std::string m = parse_error("diazepam:2,x tablet");
  EXPECT_EQ(m, "--formulations: \"diazepam:2,x tablet\": malformed strength 'x'");

  m = parse_error("diazepan:2 tablet");
  EXPECT_TRUE(contains(m, "\"diazepan:2 tablet\"")) << m;
  EXPECT_TRUE(contains(m, "unknown drug 'diazepan'")) << m;
  EXPECT_TRUE(contains(m, "did you mean diazepam")) << m;

  m = parse_error("diazepam 2 tablet");
  EXPECT_TRUE(contains(m, "\"diazepam 2 tablet\"")) << m;
  EXPECT_TRUE(contains(m, "DRUG:STRENGTHS")) << m;

  m = parse_error("diazepam:2 tablet halfs");
  EXPECT_TRUE(contains(m, "unknown word 'halfs'")) << m;
  m = parse_error("diazepam:2 5 tablet");
  EXPECT_TRUE(contains(m, "unknown word '5'")) << m;
  m = parse_error("diazepam:");
  EXPECT_TRUE(contains(m, "missing strengths")) << m;
  m = parse_error("diazepam:2,");
  EXPECT_TRUE(contains(m, "missing strength after ','")) << m;
  m = parse_error(":2 tablet");
  EXPECT_TRUE(contains(m, "missing drug name")) << m;

  m = parse_error("oxazepam:10 capsule half");
  EXPECT_TRUE(contains(m, "\"oxazepam:10 capsule half\"")) << m;
  EXPECT_TRUE(contains(m, "capsule can't be split")) << m;
  m = parse_error("clonazepam:0.5 odt quarter");
  EXPECT_TRUE(contains(m, "ODT can't be split")) << m;
  m = parse_error("diazepam:1 solution half");
  EXPECT_TRUE(contains(m, "can't be split")) << m;
  m = parse_error("diazepam:2 tablet step=0.5");
  EXPECT_TRUE(contains(m, "step= applies to oral solutions only")) << m;
  m = parse_error("diazepam:1 solution step=abc");
  EXPECT_TRUE(contains(m, "malformed step 'abc'")) << m;
  m = parse_error("diazepam:1 solution step=0");
  EXPECT_TRUE(contains(m, "outside")) << m;
  m = parse_error("diazepam:2 tablet capsule");
  EXPECT_TRUE(contains(m, "two forms")) << m;
  m = parse_error("diazepam:2 tablet half quarter");
  EXPECT_TRUE(contains(m, "two splits")) << m;

  m = parse_error("diazepam:0 tablet");
  EXPECT_TRUE(contains(m, "\"diazepam:0 tablet\": strength must be greater than 0")) << m;
  m = parse_error("diazepam:-2 tablet");
  EXPECT_TRUE(contains(m, "greater than 0")) << m;
  m = parse_error("diazepam:5000 tablet compounded");
  EXPECT_TRUE(contains(m, "implausible strength '5000'")) << m;
  m = parse_error("diazepam:nan tablet compounded");
  EXPECT_TRUE(contains(m, "malformed strength 'nan'")) << m;
  m = parse_error("diazepam:inf tablet compounded");
  EXPECT_TRUE(contains(m, "malformed strength 'inf'")) << m;
  m = parse_error("diazepam:0.0001 capsule compounded");
  EXPECT_TRUE(contains(m, "too small")) << m;

  m = parse_error("");
  EXPECT_TRUE(contains(m, "no formulations")) << m;
  m = parse_error(" ; ;");
  EXPECT_TRUE(contains(m, "no formulations")) << m;

  // The error is about the second item, not the first.
  m = parse_error("diazepam:2 tablet; clonazepam:0.5 tablet grind");
  EXPECT_TRUE(contains(m, "\"clonazepam:0.5 tablet grind\"")) << m;
  EXPECT_FALSE(contains(m, "diazepam:2")) << m;

  // Another option name is passed through.
  m = parse_error("diazepam:2,x", "formulations");
  EXPECT_TRUE(contains(m, "formulations: \"diazepam:2,x\"")) << m;
}

TEST(FormulationSet, RejectsStrengthsTheCatalogueDoesNotListUnlessCompounded) {
  std::string m = parse_error("diazepam:3 tablet");
  EXPECT_TRUE(contains(m, "\"diazepam:3 tablet\"")) << m;
  EXPECT_TRUE(contains(m, "no 3 mg tablet")) << m;
  EXPECT_TRUE(contains(m, "2, 2.5, 5, 10 mg")) << m;  // what the catalogue has
  EXPECT_TRUE(contains(m, "compounded")) << m;

  m = parse_error("diazepam:3 solution");
  EXPECT_TRUE(contains(m, "no 3 mg/mL oral solution")) << m;
  EXPECT_TRUE(contains(m, "0.4, 1, 2, 5, 10 mg/mL")) << m;

  m = parse_error("diazepam:2 capsule");
  EXPECT_TRUE(contains(m, "lists no capsule")) << m;

  // A strength listed for another form of the same drug is not enough.
  m = parse_error("clonazepam:0.125 tablet");
  EXPECT_TRUE(contains(m, "no 0.125 mg tablet")) << m;
  EXPECT_NO_THROW(parse_set("clonazepam:0.125 odt"));
  // Any country counts: the UK lists diazepam 0.4 mg/mL, the US does not.
  EXPECT_NO_THROW(parse_set("diazepam:0.4 solution"));
  EXPECT_NO_THROW(parse_set("diazepam:3 tablet compounded"));
}

// The distinct (form, strength) pairs of a drug's catalogue entries, optionally of one country.
std::set<std::pair<FormulationForm, double>> catalogue_products(const std::string& drug,
                                                                const std::string& country = "") {
  std::set<std::pair<FormulationForm, double>> out;
  for (const auto& f : shipped_catalog().drug(drug).formulations) {
    if (!country.empty() && f.country != country) continue;
    out.insert(
        {f.form, f.form == FormulationForm::kOralSolution ? f.strength_mg_per_ml : f.strength_mg});
  }
  return out;
}

std::set<std::pair<FormulationForm, double>> products(const FormulationSet& set,
                                                      const std::string& drug) {
  std::set<std::pair<FormulationForm, double>> out;
  for (const auto* o : set.for_drug(drug)) {
    out.insert({o->form, o->is_liquid() ? o->strength_mg_per_ml : o->strength_mg});
  }
  return out;
}

TEST(FormulationSet, DefaultsAreTheCatalogueFormulationsWithoutDuplicates) {
  const FormulationSet set = default_formulations(shipped_catalog(), {"diazepam", "Klonopin"});
  for (const std::string drug : {"diazepam", "clonazepam"}) {
    EXPECT_EQ(products(set, drug), catalogue_products(drug)) << drug;
    EXPECT_EQ(set.for_drug(drug).size(), catalogue_products(drug).size()) << "duplicates";
  }
  EXPECT_EQ(set.options.size(),
            catalogue_products("diazepam").size() + catalogue_products("clonazepam").size());
  // The US diazepam 2 mg tablet is scored for halves; liquids measure in 0.1 mL.
  const auto* two = find(set, "diazepam", FormulationForm::kTablet, 2);
  ASSERT_NE(two, nullptr);
  EXPECT_EQ(two->split, Split::kHalf);
  for (const auto& o : set.options) {
    if (o.is_liquid()) {
      EXPECT_DOUBLE_EQ(o.measure_increment_ml, 0.1);
    }
    if (o.form == FormulationForm::kOdt) {
      EXPECT_EQ(o.split, Split::kNone);
    }
    EXPECT_FALSE(o.compounded);
  }
  EXPECT_NE(find(set, "clonazepam", FormulationForm::kOdt, 0.125), nullptr);
  EXPECT_NE(find(set, "clonazepam", FormulationForm::kOralSolution, 0.1), nullptr);
}

TEST(FormulationSet, DefaultsAreOneCountrysMarketedProductsOnly) {
  const FormulationSet uk = default_formulations(shipped_catalog(), {"diazepam"}, "UK");
  EXPECT_EQ(products(uk, "diazepam"), catalogue_products("diazepam", "UK"));
  EXPECT_EQ(find(uk, "diazepam", FormulationForm::kOralSolution, 5), nullptr);
  EXPECT_NE(find(uk, "diazepam", FormulationForm::kOralSolution, 0.4), nullptr);

  const FormulationSet us = default_formulations(shipped_catalog(), {"diazepam"}, "us");
  EXPECT_EQ(products(us, "diazepam"), catalogue_products("diazepam", "US"));
  // GB is the United Kingdom.
  const FormulationSet gb = default_formulations(shipped_catalog(), {"diazepam"}, "GB");
  EXPECT_EQ(products(gb, "diazepam"), catalogue_products("diazepam", "UK"));

  // A drug not marketed in a country has no products there: never another country's.
  const FormulationSet fr = default_formulations(shipped_catalog(), {"temazepam"}, "FR");
  EXPECT_TRUE(fr.for_drug("temazepam").empty());
  // A discontinued product is not offered (UK zaleplon, Sonata).
  const FormulationSet zaleplon = default_formulations(shipped_catalog(), {"zaleplon"}, "UK");
  EXPECT_TRUE(zaleplon.for_drug("zaleplon").empty());
}

TEST(FormulationSet, GranularityAndDescription) {
  DispensingOption tablet;
  tablet.drug_id = "diazepam";
  tablet.strength_mg = 5;
  EXPECT_DOUBLE_EQ(tablet.granularity_mg(), 5);
  EXPECT_EQ(tablet.describe(), "5 mg tablet");
  tablet.split = Split::kHalf;
  EXPECT_DOUBLE_EQ(tablet.granularity_mg(), 2.5);
  EXPECT_EQ(tablet.describe(), "5 mg tablet (halves)");
  tablet.strength_mg = 0.5;
  tablet.split = Split::kQuarter;
  EXPECT_DOUBLE_EQ(tablet.granularity_mg(), 0.125);
  EXPECT_EQ(tablet.describe(), "0.5 mg tablet (quarters)");

  DispensingOption capsule;
  capsule.form = FormulationForm::kCapsule;
  capsule.strength_mg = 15;
  EXPECT_EQ(capsule.describe(), "15 mg capsule");
  EXPECT_DOUBLE_EQ(capsule.granularity_mg(), 15);
  capsule.strength_mg = 0.25;
  capsule.compounded = true;
  EXPECT_EQ(capsule.describe(), "0.25 mg compounded capsule");

  DispensingOption liquid;
  liquid.form = FormulationForm::kOralSolution;
  liquid.strength_mg_per_ml = 1;
  EXPECT_EQ(liquid.describe(), "1 mg/mL oral solution");
  EXPECT_NEAR(liquid.granularity_mg(), 0.1, 1e-12);
  liquid.strength_mg_per_ml = 0.4;
  liquid.measure_increment_ml = 0.5;
  EXPECT_NEAR(liquid.granularity_mg(), 0.2, 1e-12);
  EXPECT_EQ(liquid.describe(), "0.4 mg/mL oral solution (0.5 mL steps)");
}

}  // namespace
}  // namespace taperlab
