// The shipped data: complete, sourced, and consistent with the published half-lives.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/pk_system.hpp"
#include "io/data_dir.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

namespace fs = std::filesystem;
using testing::shipped_catalog;

TEST(ShippedCatalog, HasEveryDrugOfTheAshtonTable) {
  const std::vector<std::string> ashton = {
      "alprazolam", "bromazepam", "chlordiazepoxide", "clobazam",   "clonazepam", "clorazepate",
      "diazepam",   "estazolam",  "flunitrazepam",    "flurazepam", "halazepam",  "ketazolam",
      "loprazolam", "lorazepam",  "lormetazepam",     "medazepam",  "nitrazepam", "nordazepam",
      "oxazepam",   "prazepam",   "quazepam",         "temazepam",  "triazolam",  "zaleplon",
      "zolpidem",   "zopiclone",  "eszopiclone"};
  for (const auto& id : ashton) {
    const Drug* d = shipped_catalog().find_drug(id);
    ASSERT_NE(d, nullptr) << id;
    EXPECT_FALSE(d->atc.empty()) << id;
    EXPECT_TRUE(shipped_catalog().table("ashton").has(id)) << id;
  }
  EXPECT_EQ(shipped_catalog().drugs().size(), ashton.size());
}

TEST(ShippedCatalog, ModelDrugsHavePublishedPk) {
  for (const char* id : {"diazepam", "clonazepam", "alprazolam", "lorazepam", "oxazepam",
                         "temazepam", "chlordiazepoxide", "nitrazepam", "zolpidem", "zopiclone"}) {
    const Drug& d = shipped_catalog().drug(id);
    // Zolpidem's CL is derived from its published V and half-life, as model.md does.
    EXPECT_NE(d.pk.cl_l_per_h.evidence, Evidence::kAssumed) << id;
    EXPECT_EQ(d.pk.v_l.evidence, Evidence::kPublished) << id;
    EXPECT_EQ(d.pk.bioavailability.evidence, Evidence::kPublished) << id;
  }
  EXPECT_NEAR(std::log(2.0) * shipped_catalog().drug("diazepam").pk.v_l.value /
                  shipped_catalog().drug("diazepam").pk.cl_l_per_h.value,
              36.0, 1.0);
}

// Every species' modelled half-life ln2 V / CL lies within a factor 1.5 of its published range.
TEST(ShippedCatalog, ModelledHalfLivesMatchThePublishedRanges) {
  for (const Drug& d : shipped_catalog().drugs()) {
    if (d.half_life.parent && d.pk.relative_potency.value >= 0.1) {
      const double t = std::log(2.0) * d.pk.v_l.value / d.pk.cl_l_per_h.value;
      EXPECT_GE(t, d.half_life.parent->low_h / 1.5) << d.id;
      EXPECT_LE(t, d.half_life.parent->high_h * 1.5) << d.id;
    }
  }
}

TEST(ShippedCatalog, EveryNumberCitesASource) {
  for (const Drug& d : shipped_catalog().drugs()) {
    for (const Sourced* s : {&d.pk.bioavailability, &d.pk.ka_per_h, &d.pk.lag_h, &d.pk.cl_l_per_h,
                             &d.pk.v_l, &d.max_daily_mg}) {
      EXPECT_FALSE(s->source.empty()) << d.id;
    }
    for (const auto& m : d.pk.metabolites) EXPECT_FALSE(m.fm.source.empty()) << d.id;
    for (const auto& f : d.formulations) EXPECT_FALSE(f.source.empty()) << d.id;
    EXPECT_FALSE(d.half_life.source.empty()) << d.id;
  }
}

TEST(ShippedCatalog, CommonFormulationsExistInTheUsAndUk) {
  auto has = [](const Drug& d, const std::string& country, FormulationForm form) {
    for (const auto& f : d.formulations) {
      if (f.country == country && f.form == form) return true;
    }
    return false;
  };
  const auto& c = shipped_catalog();
  for (const char* id : {"diazepam", "clonazepam", "lorazepam", "alprazolam"}) {
    EXPECT_TRUE(has(c.drug(id), "US", FormulationForm::kTablet)) << id;
  }
  for (const char* id : {"diazepam", "lorazepam", "temazepam", "zopiclone", "nitrazepam"}) {
    EXPECT_TRUE(has(c.drug(id), "UK", FormulationForm::kTablet)) << id;
  }
  EXPECT_TRUE(has(c.drug("diazepam"), "UK", FormulationForm::kOralSolution));
  for (const Drug& d : c.drugs()) EXPECT_FALSE(d.formulations.empty()) << d.id;
}

TEST(ShippedCatalog, FindsBrandsAndSuggestsNames) {
  EXPECT_EQ(shipped_catalog().drug("Valium").id, "diazepam");
  EXPECT_EQ(shipped_catalog().drug("XANAX").id, "alprazolam");
  try {
    (void)shipped_catalog().drug("lorazepan");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("lorazepam"), std::string::npos);
  }
}

class BrokenDataDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("taperlab_data_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::copy(TAPERLAB_TEST_DATA_DIR, dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void overwrite(const std::string& relative, const std::string& text) {
    std::ofstream(dir_ / relative) << text;
  }
  std::string load_error() {
    try {
      io::load_catalog(dir_);
    } catch (const DataFileError& e) {
      return e.what();
    }
    return "";
  }
  fs::path dir_;
};

TEST_F(BrokenDataDir, MalformedJsonNamesTheFile) {
  overwrite("drugs/lorazepam.json", "{\"id\": \"lorazepam\",");
  const std::string e = load_error();
  EXPECT_NE(e.find("lorazepam.json"), std::string::npos) << e;
  EXPECT_NE(e.find("malformed JSON"), std::string::npos) << e;
}

TEST_F(BrokenDataDir, TableEntryForUnknownDrugIsNamed) {
  std::ifstream in(dir_ / "equivalence" / "who.json");
  nlohmann::json doc = nlohmann::json::parse(in);
  doc["entries"]["aspirin"] = {{"dose_mg", 1}, {"range_mg", {1, 1}}, {"evidence", "assumed"}};
  overwrite("equivalence/who.json", doc.dump());
  const std::string e = load_error();
  EXPECT_NE(e.find("who.json: aspirin"), std::string::npos) << e;
}

TEST_F(BrokenDataDir, FileNameMustMatchTheId) {
  fs::rename(dir_ / "drugs" / "oxazepam.json", dir_ / "drugs" / "oxaz.json");
  EXPECT_NE(load_error().find("oxaz.json: oxazepam: field 'id'"), std::string::npos);
}

}  // namespace
}  // namespace taperlab
