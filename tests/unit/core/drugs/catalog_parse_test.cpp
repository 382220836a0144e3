#include "core/drugs/catalog_parse.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"

namespace taperlab {
namespace {

using nlohmann::json;

json sourced(double v) { return {{"value", v}, {"evidence", "published"}, {"source", "test"}}; }

json valid_drug() {
  return {{"id", "testazepam"},
          {"generic_name", "testazepam"},
          {"class", "benzodiazepine"},
          {"atc", "N05BA99"},
          {"acting", "long"},
          {"brands", {{"US", {"Testium"}}, {"UK", json::array()}}},
          {"half_life_h",
           {{"parent", {20, 40}},
            {"active_metabolites", nullptr},
            {"evidence", "published"},
            {"source", "test"}}},
          {"max_daily_mg", sourced(40)},
          {"pk",
           {{"F", sourced(0.9)},
            {"ka_per_h", sourced(1.2)},
            {"lag_h", sourced(0)},
            {"cl_l_per_h", sourced(2)},
            {"v_l", sourced(80)},
            {"relative_potency", sourced(1)},
            {"metabolites",
             {{{"species", "testmet"},
               {"formed_from", "testazepam"},
               {"fm", sourced(0.5)},
               {"cl_l_per_h", sourced(1)},
               {"v_l", sourced(90)},
               {"relative_potency", sourced(1)}}}}}},
          {"formulations",
           {{{"country", "US"},
             {"form", "tablet"},
             {"strength_mg", 2},
             {"scored", true},
             {"split", "half"},
             {"source", "label"}},
            {{"country", "UK"},
             {"form", "oral_solution"},
             {"strength_mg_per_ml", 0.4},
             {"source", "BNF"}}}}};
}

std::string error_of(const json& doc) {
  try {
    parse_drug(doc, "data/drugs/testazepam.json");
  } catch (const DataFileError& e) {
    return e.what();
  }
  return "";
}

TEST(CatalogParse, ReadsAValidDrug) {
  const Drug d = parse_drug(valid_drug(), "x.json");
  EXPECT_EQ(d.id, "testazepam");
  EXPECT_EQ(d.pk.metabolites.size(), 1u);
  EXPECT_EQ(d.formulations[0].split, Split::kHalf);
  EXPECT_DOUBLE_EQ(d.formulations[1].strength_mg_per_ml, 0.4);
  EXPECT_EQ(d.pk.cl_l_per_h.evidence, Evidence::kPublished);
}

TEST(CatalogParse, ErrorsNameFileDrugAndField) {
  json doc = valid_drug();
  doc["pk"]["v_l"]["value"] = -1;
  EXPECT_EQ(error_of(doc),
            "data/drugs/testazepam.json: testazepam: field 'pk.v_l.value': must be greater than 0");

  doc = valid_drug();
  doc["pk"].erase("ka_per_h");
  EXPECT_EQ(error_of(doc),
            "data/drugs/testazepam.json: testazepam: field 'pk.ka_per_h': is missing");

  doc = valid_drug();
  doc["pk"]["F"]["evidence"] = "guessed";
  EXPECT_NE(error_of(doc).find("field 'pk.F.evidence'"), std::string::npos);

  doc = valid_drug();
  doc["pk"]["metabolites"][0]["formed_from"] = "nothing";
  EXPECT_NE(error_of(doc).find("field 'pk.metabolites[0].formed_from'"), std::string::npos);

  doc = valid_drug();
  doc["formulations"][1]["split"] = "half";
  doc["formulations"][0]["split"] = "thirds";
  EXPECT_NE(error_of(doc).find("field 'formulations[0].split'"), std::string::npos);

  doc = valid_drug();
  doc["half_life_h"]["parent"] = {40, 20};
  EXPECT_NE(error_of(doc).find("field 'half_life_h.parent'"), std::string::npos);

  doc = valid_drug();
  doc["pk"]["cl_l_per_h"].erase("source");
  EXPECT_NE(error_of(doc).find("field 'pk.cl_l_per_h.source'"), std::string::npos);
}

TEST(CatalogParse, EquivalenceTableChecksRangesAndReference) {
  json table = {
      {"id", "t"},
      {"name", "Test table"},
      {"citation", "Test 2020"},
      {"reference_drug", "diazepam"},
      {"reference_dose_mg", 10},
      {"entries",
       {{"diazepam", {{"dose_mg", 10}, {"range_mg", {10, 10}}, {"evidence", "published"}}},
        {"lorazepam", {{"dose_mg", 1}, {"range_mg", {0.5, 1}}, {"evidence", "published"}}}}}};
  EXPECT_EQ(parse_equivalence_table(table, "t.json").entries.size(), 2u);
  table["entries"]["lorazepam"]["dose_mg"] = 2;
  try {
    parse_equivalence_table(table, "t.json");
    FAIL();
  } catch (const DataFileError& e) {
    EXPECT_STREQ(e.what(),
                 "t.json: table t: field 'entries.lorazepam.dose_mg': lies outside range_mg");
  }
  table["entries"].erase("diazepam");
  table["entries"]["lorazepam"]["dose_mg"] = 1;
  EXPECT_THROW(parse_equivalence_table(table, "t.json"), DataFileError);
}

}  // namespace
}  // namespace taperlab
