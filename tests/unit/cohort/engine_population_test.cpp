// The population file and the counter-based sampler (issue 21, docs/model.md section 5).
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/cohort/population.hpp"
#include "core/cohort/sampler.hpp"
#include "io/population_load.hpp"

namespace taperlab::cohort {
namespace {

using nlohmann::json;

json engine_minimal_population() {
  json doc = {{"id", "test"}, {"title", "test population"}, {"parameters", json::object()}};
  for (const char* key : {"cl", "v", "ka", "potency", "k_fast", "k_slow", "s1"}) {
    doc["parameters"][key] = {
        {"median_multiplier", 1.0}, {"cv", 0.4}, {"evidence", "assumed"}, {"source", "test"}};
  }
  return doc;
}

// The first field a ValidationError names.
std::string engine_refused_field(const json& doc) {
  try {
    parse_population(doc);
  } catch (const ValidationError& e) {
    return e.errors().front().field;
  }
  return "(accepted)";
}

TEST(EnginePopulation, TheShippedFileHasEveryParameterTaggedWithItsSource) {
  const Population p = io::load_population(TAPERLAB_TEST_DATA_DIR, "adults");
  EXPECT_EQ(p.id, "adults");
  for (std::size_t i = 0; i < kPersonParameters; ++i) {
    EXPECT_EQ(p.spread[i].median_multiplier, 1.0) << key_of(static_cast<PersonParameter>(i));
    EXPECT_FALSE(p.spread[i].source.empty());
    EXPECT_GT(p.spread[i].log_sd, 0.0);
  }
  // docs/model.md section 5: CL and V 30-40%, ka 40%, potency 50%, s1 60% CV; the half-times'
  // log SD 0.55 of src/core/adapt/personal_model.hpp (the lower end of 60-100%).
  EXPECT_NEAR(p[PersonParameter::kClearance].cv, 0.35, 1e-12);
  EXPECT_NEAR(p[PersonParameter::kVolume].cv, 0.35, 1e-12);
  EXPECT_NEAR(p[PersonParameter::kAbsorption].cv, 0.40, 1e-12);
  EXPECT_NEAR(p[PersonParameter::kPotency].cv, 0.50, 0.005);
  EXPECT_EQ(p[PersonParameter::kFastRate].log_sd, 0.55);
  EXPECT_EQ(p[PersonParameter::kSlowRate].log_sd, 0.55);
  EXPECT_NEAR(p[PersonParameter::kS1].cv, 0.60, 1e-12);
  EXPECT_TRUE(p.covariates.empty());  // the catalogue has no age or sex effects
}

TEST(EnginePopulation, BadFilesAreRefusedNamingTheField) {
  json doc = engine_minimal_population();
  EXPECT_EQ(engine_refused_field(doc), "(accepted)");

  doc = engine_minimal_population();
  doc["parameters"].erase("ka");
  EXPECT_EQ(engine_refused_field(doc), "parameters.ka");

  doc = engine_minimal_population();
  doc["parameters"]["v"]["cv"] = -0.1;
  EXPECT_EQ(engine_refused_field(doc), "parameters.v.cv");

  doc = engine_minimal_population();
  doc["parameters"]["v"]["log_sd"] = 0.3;  // both cv and log_sd
  EXPECT_EQ(engine_refused_field(doc), "parameters.v.cv");

  doc = engine_minimal_population();
  doc["parameters"]["cl"]["logsd"] = 0.3;  // misspelt
  EXPECT_EQ(engine_refused_field(doc), "parameters.cl.logsd");

  doc = engine_minimal_population();
  doc["parameters"]["k_fast"]["evidence"] = "guessed";
  EXPECT_EQ(engine_refused_field(doc), "parameters.k_fast.evidence");

  doc = engine_minimal_population();
  doc["parameters"]["s1"]["median_multiplier"] = 0;
  EXPECT_EQ(engine_refused_field(doc), "parameters.s1.median_multiplier");

  doc = engine_minimal_population();
  doc["parameters"]["clearance"] = doc["parameters"]["cl"];
  EXPECT_EQ(engine_refused_field(doc), "parameters.clearance");

  doc = engine_minimal_population();
  doc["correlations"] = json::array(
      {{{"between", {"cl", "v"}}, {"r", 1.5}, {"evidence", "assumed"}, {"source", "t"}}});
  EXPECT_EQ(engine_refused_field(doc), "correlations[0].r");

  doc = engine_minimal_population();
  doc["correlations"] = json::array(
      {{{"between", {"cl", "ka"}}, {"r", 0.9}, {"evidence", "assumed"}, {"source", "t"}},
       {{"between", {"v", "ka"}}, {"r", 0.9}, {"evidence", "assumed"}, {"source", "t"}},
       {{"between", {"cl", "v"}}, {"r", -0.9}, {"evidence", "assumed"}, {"source", "t"}}});
  EXPECT_EQ(engine_refused_field(doc), "correlations");  // not positive definite

  doc = engine_minimal_population();
  doc["covariates"] = json::array({{{"name", "female"},
                                    {"kind", "bernoulli"},
                                    {"p", 0.5},
                                    {"evidence", "assumed"},
                                    {"source", "t"},
                                    {"effects", json::array({{{"parameter", "clearence"},
                                                              {"log_change_per_unit", 0.1},
                                                              {"centre", 0},
                                                              {"evidence", "assumed"},
                                                              {"source", "t"}}})}}});
  EXPECT_EQ(engine_refused_field(doc), "covariates[0].effects[0].parameter");

  EXPECT_THROW(parse_population_text("{not json"), ValidationError);
}

TEST(EnginePopulation, AFileNamesItselfInItsErrors) {
  EXPECT_THROW(io::load_population(TAPERLAB_TEST_DATA_DIR, "no-such-population"), DataFileError);
}

TEST(EngineSampler, PersonKDependsOnlyOnSeedAndK) {
  const Population p = io::load_population(TAPERLAB_TEST_DATA_DIR, "adults");
  const Multipliers a = sample_person(p, 42, 1234);
  sample_person(p, 42, 7);  // no hidden state
  EXPECT_EQ(sample_person(p, 42, 1234), a);
  EXPECT_NE(sample_person(p, 43, 1234), a);
  EXPECT_NE(sample_person(p, 42, 1235), a);
}

TEST(EngineSampler, ZeroVariabilityGivesTheMedianExactly) {
  Population p = zero_variability_population();
  p[PersonParameter::kVolume].median_multiplier = 1.25;
  const Multipliers m = sample_person(p, 9, 99);
  for (std::size_t i = 0; i < kPersonParameters; ++i) {
    EXPECT_EQ(m[i], i == static_cast<std::size_t>(PersonParameter::kVolume) ? 1.25 : 1.0);
  }
}

// Over 20,000 people, the log of each multiplier has mean ln(median) and SD log_sd: the mean's
// standard error is log_sd / sqrt(n) (4.5 standard errors allowed: a false alarm once in 10^5
// runs, and the seed is fixed), the SD's about log_sd / sqrt(2 n).
TEST(EngineSampler, LogParametersHaveTheStatedMedianAndSpread) {
  json doc = engine_minimal_population();
  doc["parameters"]["cl"]["median_multiplier"] = 2.0;
  doc["parameters"]["k_fast"].erase("cv");
  doc["parameters"]["k_fast"]["log_sd"] = 0.55;
  doc["correlations"] = json::array(
      {{{"between", {"cl", "v"}}, {"r", 0.6}, {"evidence", "assumed"}, {"source", "t"}}});
  const Population p = parse_population(doc);
  constexpr std::size_t n = 20000;
  std::vector<std::array<double, kPersonParameters>> logs(n);
  for (std::size_t k = 0; k < n; ++k) {
    const Multipliers m = sample_person(p, 2026, k);
    for (std::size_t i = 0; i < kPersonParameters; ++i) logs[k][i] = std::log(m[i]);
  }
  for (std::size_t i = 0; i < kPersonParameters; ++i) {
    double mean = 0.0;
    for (const auto& l : logs) mean += l[i];
    mean /= n;
    double var = 0.0;
    for (const auto& l : logs) var += (l[i] - mean) * (l[i] - mean);
    const double sd = std::sqrt(var / (n - 1));
    const double s = p.spread[i].log_sd;
    const double se_mean = s / std::sqrt(static_cast<double>(n));
    const double se_sd = s / std::sqrt(2.0 * static_cast<double>(n));
    EXPECT_NEAR(mean, std::log(p.spread[i].median_multiplier), 4.5 * se_mean)
        << key_of(static_cast<PersonParameter>(i));
    EXPECT_NEAR(sd, s, 4.5 * se_sd) << key_of(static_cast<PersonParameter>(i));
  }
  // The stated CV of the multiplier itself: 40% for v (its SE is larger: a skewed variable).
  double mean_v = 0.0;
  for (const auto& l : logs) mean_v += std::exp(l[1]);
  mean_v /= n;
  double var_v = 0.0;
  for (const auto& l : logs) var_v += (std::exp(l[1]) - mean_v) * (std::exp(l[1]) - mean_v);
  EXPECT_NEAR(std::sqrt(var_v / (n - 1)) / mean_v, 0.40, 0.02);
  // The correlation of ln cl and ln v: SE (1 - r^2) / sqrt(n) = 0.0045.
  double mc = 0.0, mv = 0.0;
  for (const auto& l : logs) {
    mc += l[0];
    mv += l[1];
  }
  mc /= n;
  mv /= n;
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (const auto& l : logs) {
    sxy += (l[0] - mc) * (l[1] - mv);
    sxx += (l[0] - mc) * (l[0] - mc);
    syy += (l[1] - mv) * (l[1] - mv);
  }
  EXPECT_NEAR(sxy / std::sqrt(sxx * syy), 0.6, 4.5 * 0.0045);
}

TEST(EngineSampler, CovariatesShiftTheirParameters) {
  json doc = engine_minimal_population();
  for (auto& [key, value] : doc["parameters"].items()) {
    value.erase("cv");
    value["log_sd"] = 0.0;
  }
  doc["covariates"] = json::array({{{"name", "female"},
                                    {"kind", "bernoulli"},
                                    {"p", 0.3},
                                    {"evidence", "assumed"},
                                    {"source", "t"},
                                    {"effects", json::array({{{"parameter", "cl"},
                                                              {"log_change_per_unit", -0.2},
                                                              {"centre", 0},
                                                              {"evidence", "assumed"},
                                                              {"source", "t"}}})}}});
  const Population p = parse_population(doc);
  std::size_t women = 0;
  constexpr std::size_t n = 20000;
  for (std::size_t k = 0; k < n; ++k) {
    std::array<double, 1> value{};
    const Multipliers m = sample_person(p, 5, k, value);
    if (value[0] == 1.0) {
      ++women;
      EXPECT_NEAR(m[0], std::exp(-0.2), 1e-15);
    } else {
      EXPECT_EQ(m[0], 1.0);
    }
  }
  // Binomial SE sqrt(0.3 * 0.7 / n) = 0.0032.
  EXPECT_NEAR(static_cast<double>(women) / n, 0.3, 4.5 * 0.0032);
}

}  // namespace
}  // namespace taperlab::cohort
