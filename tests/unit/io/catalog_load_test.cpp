// The shipped data: complete, sourced, and consistent with the published half-lives.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/model/pk_system.hpp"
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
    // Zolpidem's CL is derived from its published V and half-life, as docs/model.md does.
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

// ---- Products by country (data/SOURCES.md, "Products by country") ----

const std::vector<std::string> kCountries = {"US", "UK", "IE", "CA", "AU",
                                             "DE", "FR", "NL", "ES", "IT"};
const std::vector<std::string> kTwelve = {
    "alprazolam",       "clonazepam", "diazepam", "lorazepam", "oxazepam",    "temazepam",
    "chlordiazepoxide", "nitrazepam", "zolpidem", "zopiclone", "eszopiclone", "clobazam"};

const Formulation* find_product(const Drug& d, const std::string& country, FormulationForm form,
                                double strength) {
  for (const auto& f : d.formulations) {
    const double s = form == FormulationForm::kOralSolution ? f.strength_mg_per_ml : f.strength_mg;
    if (f.country == country && f.form == form && std::abs(s - strength) < 1e-9) return &f;
  }
  return nullptr;
}

TEST(ProductsByCountry, EveryProductHasAKnownCountryASourceAndAStatus) {
  std::size_t n = 0;
  for (const Drug& d : shipped_catalog().drugs()) {
    for (std::size_t i = 0; i < d.formulations.size(); ++i) {
      const Formulation& f = d.formulations[i];
      EXPECT_NE(std::find(kCountries.begin(), kCountries.end(), f.country), kCountries.end())
          << d.id << " formulations[" << i << "] country '" << f.country << "'";
      EXPECT_NE(f.country, "EU") << d.id;
      EXPECT_FALSE(f.source.empty()) << d.id << " formulations[" << i << "]";
      const std::string status = to_string(f.status);
      EXPECT_TRUE(status == "marketed" || status == "special" || status == "discontinued")
          << d.id << " formulations[" << i << "]";
      ++n;
    }
  }
  EXPECT_GT(n, 300u);
}

TEST(ProductsByCountry, EachOfTheTwelveDrugsMarketedInUsUkOrDeHasAMarketedProduct) {
  // Which of the twelve are marketed where (data/SOURCES.md): nitrazepam is not marketed in the
  // US, zopiclone is not marketed in the US, eszopiclone only in the US.
  const std::map<std::string, std::vector<std::string>> absent = {
      {"US", {"nitrazepam", "zopiclone"}},
      {"UK", {"eszopiclone"}},
      {"DE", {"eszopiclone"}},
  };
  for (const auto& [country, missing] : absent) {
    for (const auto& id : kTwelve) {
      const Drug& d = shipped_catalog().drug(id);
      const bool marketed =
          std::any_of(d.formulations.begin(), d.formulations.end(), [&](const Formulation& f) {
            return f.country == country && f.status == ProductStatus::kMarketed;
          });
      const bool expected = std::find(missing.begin(), missing.end(), id) == missing.end();
      EXPECT_EQ(marketed, expected) << id << " in " << country;
    }
  }
}

TEST(ProductsByCountry, WellKnownProductsAreListed) {
  const auto& c = shipped_catalog();
  const Formulation* f = find_product(c.drug("clonazepam"), "US", FormulationForm::kTablet, 0.5);
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->scored);
  EXPECT_EQ(f->split, Split::kHalf);
  EXPECT_EQ(f->status, ProductStatus::kMarketed);
  EXPECT_NE(find_product(c.drug("clonazepam"), "US", FormulationForm::kOdt, 0.125), nullptr);

  f = find_product(c.drug("diazepam"), "UK", FormulationForm::kOralSolution, 0.4);  // 2 mg/5 mL
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, ProductStatus::kMarketed);

  for (double mg : {5.0, 10.0}) {
    f = find_product(c.drug("zolpidem"), "US", FormulationForm::kTablet, mg);
    ASSERT_NE(f, nullptr) << mg;
    EXPECT_EQ(f->status, ProductStatus::kMarketed) << mg;
  }
  for (double mg : {3.75, 7.5}) {
    f = find_product(c.drug("zopiclone"), "UK", FormulationForm::kTablet, mg);
    ASSERT_NE(f, nullptr) << mg;
    EXPECT_EQ(f->status, ProductStatus::kMarketed) << mg;
  }
  for (double mg : {0.5, 1.0, 2.5}) {
    f = find_product(c.drug("lorazepam"), "DE", FormulationForm::kTablet, mg);
    ASSERT_NE(f, nullptr) << mg;
    EXPECT_EQ(f->status, ProductStatus::kMarketed) << mg;
  }
  // Cross-scored tablets may be quartered; drops and specials are listed with their status.
  EXPECT_EQ(find_product(c.drug("alprazolam"), "US", FormulationForm::kTablet, 2)->split,
            Split::kQuarter);
  EXPECT_NE(find_product(c.drug("clonazepam"), "IT", FormulationForm::kOralSolution, 2.5), nullptr);
  f = find_product(c.drug("lorazepam"), "UK", FormulationForm::kOralSolution, 1);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->status, ProductStatus::kSpecial);
  // Temazepam is not marketed in France.
  for (const auto& p : c.drug("temazepam").formulations) EXPECT_NE(p.country, "FR");
}

TEST(ProductsByCountry, StatusNamesRoundTrip) {
  EXPECT_STREQ(to_string(ProductStatus::kMarketed), "marketed");
  EXPECT_STREQ(to_string(ProductStatus::kSpecial), "special");
  EXPECT_STREQ(to_string(ProductStatus::kDiscontinued), "discontinued");
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

TEST_F(BrokenDataDir, UnknownProductStatusIsNamed) {
  std::ifstream in(dir_ / "drugs" / "diazepam.json");
  nlohmann::json doc = nlohmann::json::parse(in);
  doc["formulations"][1]["status"] = "withdrawn";
  overwrite("drugs/diazepam.json", doc.dump());
  const std::string e = load_error();
  EXPECT_NE(e.find("diazepam"), std::string::npos) << e;
  EXPECT_NE(e.find("formulations[1].status"), std::string::npos) << e;
  EXPECT_NE(e.find("withdrawn"), std::string::npos) << e;
}

TEST_F(BrokenDataDir, MissingProductStatusReadsAsMarketed) {
  std::ifstream in(dir_ / "drugs" / "diazepam.json");
  nlohmann::json doc = nlohmann::json::parse(in);
  for (auto& f : doc["formulations"]) f.erase("status");
  overwrite("drugs/diazepam.json", doc.dump());
  const Catalog catalog = io::load_catalog(dir_);
  for (const auto& f : catalog.drug("diazepam").formulations) {
    EXPECT_EQ(f.status, ProductStatus::kMarketed);
  }
}

}  // namespace
}  // namespace taperlab
