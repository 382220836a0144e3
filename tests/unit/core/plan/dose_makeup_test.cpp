#include "core/plan/dose_makeup.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <set>

#include "core/drugs/catalog.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::shipped_catalog;

constexpr double kInf = std::numeric_limits<double>::infinity();

FormulationSet parse_formulations(const std::string& text) {
  return parse_formulations(text, shipped_catalog());
}

// diazepam 2 mg tablets that may be halved, 5 and 10 mg tablets kept whole.
FormulationSet diazepam_tablets() {
  return parse_formulations("diazepam:2 tablet half; diazepam:5,10 tablet");
}

DispensingOption solid(double mg, Split split, FormulationForm form = FormulationForm::kTablet) {
  DispensingOption o;
  o.drug_id = "testazepam";
  o.form = form;
  o.strength_mg = mg;
  o.split = split;
  return o;
}

DispensingOption liquid(double mg_per_ml, double step_ml) {
  DispensingOption o;
  o.drug_id = "testazepam";
  o.form = FormulationForm::kOralSolution;
  o.strength_mg_per_ml = mg_per_ml;
  o.measure_increment_ml = step_ml;
  return o;
}

DoseMakeup make(const std::string& drug, double target, double max, const FormulationSet& set,
                MakeupRules rules = {}) {
  const auto m = make_dose(drug, target, max, set, rules);
  EXPECT_TRUE(m.has_value()) << drug << " " << target << " max " << max;
  return m.value_or(DoseMakeup{});
}

TEST(DoseMakeup, MakesExactDosesWithFewPieces) {
  const FormulationSet set = diazepam_tablets();
  DoseMakeup m = make("diazepam", 7, kInf, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 7);
  EXPECT_EQ(m.describe(), "1 x 5 mg + 1 x 2 mg");
  EXPECT_EQ(m.pieces(), 2);

  m = make("diazepam", 10, kInf, set);
  EXPECT_EQ(m.describe(), "1 x 10 mg") << "one tablet beats two";
  m = make("diazepam", 20, kInf, set);
  EXPECT_EQ(m.describe(), "2 x 10 mg");
  m = make("diazepam", 3, kInf, set);
  EXPECT_EQ(m.describe(), "1 1/2 x 2 mg");
  EXPECT_EQ(m.pieces(), 2);
  m = make("diazepam", 1, kInf, set);
  EXPECT_EQ(m.describe(), "1/2 x 2 mg");
  EXPECT_EQ(m.pieces(), 1);
  m = make("diazepam", 16, kInf, set);
  EXPECT_EQ(m.describe(), "1 x 10 mg + 1 x 5 mg + 1/2 x 2 mg");
  EXPECT_EQ(m.parts.size(), 3u);
  EXPECT_EQ(m.parts[0].quarters, 4);
  EXPECT_EQ(m.parts[2].quarters, 2);
  EXPECT_DOUBLE_EQ(m.parts[2].mg(), 1.0);
}

TEST(DoseMakeup, RoundsToTheNearestAmountAndNeverAboveTheMaximum) {
  const FormulationSet set = diazepam_tablets();
  // 6 and 7 are equally near 6.5 and take two pieces each: the smaller is chosen.
  DoseMakeup m = make("diazepam", 6.5, kInf, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 6);
  EXPECT_EQ(m.describe(), "1 x 5 mg + 1/2 x 2 mg");
  m = make("diazepam", 6.8, kInf, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 7);
  // The previous step was 6.5 mg: 7 would be an increase.
  m = make("diazepam", 6.8, 6.5, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 6);
  m = make("diazepam", 7, 6.999, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 6);
  // A maximum that floating arithmetic put a hair below 7 still allows 7.
  m = make("diazepam", 7, 0.1 * 70 - 1e-12, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 7);
  // Four pieces at most: 45 mg would need five tablets.
  m = make("diazepam", 45, kInf, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 40);
  EXPECT_EQ(m.describe(), "4 x 10 mg");
  m = make("diazepam", 45, kInf, set, MakeupRules{5});
  EXPECT_DOUBLE_EQ(m.dose_mg, 45);
  EXPECT_EQ(m.describe(), "4 x 10 mg + 1 x 5 mg");
}

TEST(DoseMakeup, NothingFeasibleAndZeroTargets) {
  const FormulationSet set = diazepam_tablets();
  EXPECT_FALSE(make_dose("diazepam", 0.5, 0.9, set).has_value()) << "half a 2 mg tablet is 1 mg";
  EXPECT_FALSE(make_dose("diazepam", 1, 0, set).has_value());
  EXPECT_FALSE(make_dose("clonazepam", 1, 2, set).has_value()) << "no clonazepam products";
  EXPECT_FALSE(make_dose("diazepam", std::nan(""), 2, set).has_value());
  // Nothing under the maximum is made by rounding up: below half a tablet, the half is nearest.
  EXPECT_DOUBLE_EQ(make("diazepam", 0.3, kInf, set).dose_mg, 1);

  const auto zero = make_dose("diazepam", 0, 5, set);
  ASSERT_TRUE(zero.has_value());
  EXPECT_DOUBLE_EQ(zero->dose_mg, 0);
  EXPECT_TRUE(zero->parts.empty());
  EXPECT_EQ(zero->describe(), "none");
  EXPECT_EQ(zero->pieces(), 0);
  EXPECT_TRUE(make_dose("diazepam", 0, 0, set).has_value());
}

TEST(DoseMakeup, LiquidVolumesAreMultiplesOfTheMeasuringStep) {
  const FormulationSet set = parse_formulations("diazepam:1 solution");
  // 0.3 and 0.4 are equally near 0.35: the smaller is chosen.
  DoseMakeup m = make("diazepam", 0.35, kInf, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 0.3);
  ASSERT_EQ(m.parts.size(), 1u);
  EXPECT_DOUBLE_EQ(m.parts[0].volume_ml, 0.3);
  EXPECT_EQ(m.describe(), "0.3 mL of 1 mg/mL");
  EXPECT_EQ(m.pieces(), 1);
  m = make("diazepam", 2.5, kInf, set);
  EXPECT_EQ(m.describe(), "2.5 mL of 1 mg/mL");
  // A liquid alone is not limited by the number of pieces.
  m = make("diazepam", 17.3, kInf, set, MakeupRules{1});
  EXPECT_DOUBLE_EQ(m.dose_mg, 17.3);
  EXPECT_DOUBLE_EQ(m.parts[0].volume_ml, 17.3);

  const FormulationSet coarse = parse_formulations("diazepam:5 solution step=0.25");
  m = make("diazepam", 1.3, kInf, coarse);
  EXPECT_DOUBLE_EQ(m.dose_mg, 1.25);
  EXPECT_EQ(m.describe(), "0.25 mL of 5 mg/mL");
}

TEST(DoseMakeup, TabletsAndOneLiquidTogether) {
  const FormulationSet set =
      parse_formulations("diazepam:2 tablet half; diazepam:5,10 tablet; diazepam:1 solution");
  // A liquid volume is one piece: 7.3 mL beats 5 mg + 2 mg + 0.3 mL.
  DoseMakeup m = make("diazepam", 7.3, kInf, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 7.3);
  EXPECT_EQ(m.describe(), "7.3 mL of 1 mg/mL");
  EXPECT_EQ(m.pieces(), 1);
  // Whole tablets are preferred to a liquid of the same amount and pieces.
  m = make("diazepam", 5, kInf, set);
  EXPECT_EQ(m.describe(), "1 x 5 mg");

  // 0.75 mg: a 0.25 mg capsule topped up with 0.1 mL of 5 mg/mL (two pieces, not three capsules).
  const FormulationSet topped =
      parse_formulations("diazepam:0.25 capsule compounded; diazepam:5 solution");
  m = make("diazepam", 0.75, kInf, topped);
  EXPECT_DOUBLE_EQ(m.dose_mg, 0.75);
  ASSERT_EQ(m.parts.size(), 2u);
  EXPECT_TRUE(m.parts.back().option.is_liquid()) << "the liquid comes last";
  EXPECT_EQ(m.describe(), "1 x 0.25 mg + 0.1 mL of 5 mg/mL");
  EXPECT_EQ(m.pieces(), 2);
  EXPECT_NEAR(m.parts[0].mg() + m.parts[1].mg(), 0.75, 1e-12);
  // With one piece only, 0.5 and 1 mg are equally near: the smaller.
  m = make("diazepam", 0.75, kInf, topped, MakeupRules{1});
  EXPECT_EQ(m.describe(), "0.1 mL of 5 mg/mL");

  // Two liquids are never combined: 0.14 mg would be 0.1 mL of 1 mg/mL + 0.1 mL of 0.4 mg/mL,
  // so one liquid makes the nearest amount (0.12 and 0.16 are equally near: the smaller).
  const FormulationSet liquids = parse_formulations("diazepam:1, 0.4 solution");
  m = make("diazepam", 0.14, kInf, liquids);
  EXPECT_DOUBLE_EQ(m.dose_mg, 0.12);
  EXPECT_EQ(m.describe(), "0.3 mL of 0.4 mg/mL");
  m = make("diazepam", 0.44, kInf, liquids);
  EXPECT_EQ(m.describe(), "1.1 mL of 0.4 mg/mL");
}

TEST(DoseMakeup, QuarteredClonazepam) {
  const FormulationSet set = parse_formulations("clonazepam:0.5 tablet quarter");
  DoseMakeup m = make("clonazepam", 0.125, kInf, set);
  EXPECT_EQ(m.describe(), "1/4 x 0.5 mg");
  m = make("clonazepam", 0.375, kInf, set);
  EXPECT_EQ(m.describe(), "3/4 x 0.5 mg");
  EXPECT_EQ(m.pieces(), 2) << "3/4 is a half and a quarter";
  m = make("clonazepam", 0.3, kInf, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 0.25);
  EXPECT_EQ(m.describe(), "1/2 x 0.5 mg");
  m = make("clonazepam", 0.7, kInf, set);
  EXPECT_DOUBLE_EQ(m.dose_mg, 0.75);
  EXPECT_EQ(m.describe(), "1 1/2 x 0.5 mg");

  const std::vector<double> doses = achievable_doses("clonazepam", 1.0, set);
  ASSERT_EQ(doses.size(), 8u);
  for (std::size_t i = 0; i < doses.size(); ++i)
    EXPECT_DOUBLE_EQ(doses[i], 0.125 * static_cast<double>(i + 1));
}

TEST(DoseMakeup, TieBreaks) {
  // 4 + 1 and 3 + 2 are both exact, two pieces, two products: larger strengths win.
  FormulationSet set;
  for (double mg : {1.0, 2.0, 3.0, 4.0}) set.options.push_back(solid(mg, Split::kNone));
  EXPECT_EQ(make("testazepam", 5, kInf, set).describe(), "1 x 4 mg + 1 x 1 mg");
  // A whole 5 mg tablet rather than half a 10 mg one.
  FormulationSet halves;
  halves.options = {solid(10, Split::kHalf), solid(5, Split::kHalf)};
  EXPECT_EQ(make("testazepam", 5, kInf, halves).describe(), "1 x 5 mg");
  // 7.5 mg as one and a half 5 mg tablets (one product), not 1/2 x 10 mg + 1/2 x 5 mg.
  EXPECT_EQ(make("testazepam", 7.5, kInf, halves).describe(), "1 1/2 x 5 mg");
  // Fewer distinct products: 2 x 2 rather than 3 + 1.
  FormulationSet products;
  products.options = {solid(3, Split::kNone), solid(2, Split::kNone), solid(1, Split::kNone)};
  EXPECT_EQ(make("testazepam", 4, kInf, products).describe(), "2 x 2 mg");
  // Capsules are never split, whatever their split field says.
  FormulationSet capsule;
  capsule.options = {solid(10, Split::kHalf, FormulationForm::kCapsule)};
  EXPECT_DOUBLE_EQ(make("testazepam", 5, kInf, capsule).dose_mg, 10);
  EXPECT_FALSE(make_dose("testazepam", 5, 9, capsule).has_value());
}

TEST(DoseMakeup, AchievableDoses) {
  const FormulationSet set = diazepam_tablets();
  const std::vector<double> doses = achievable_doses("diazepam", 6, set);
  EXPECT_EQ(doses, (std::vector<double>{1, 2, 3, 4, 5, 6}));
  EXPECT_TRUE(achievable_doses("diazepam", 0.5, set).empty());

  // 1 mg/mL in 0.1 mL steps up to 20 mg: 200 amounts, 0.1 apart.
  const std::vector<double> liquid_doses =
      achievable_doses("diazepam", 20, parse_formulations("diazepam:1 solution"));
  ASSERT_EQ(liquid_doses.size(), 200u);
  for (std::size_t i = 0; i < liquid_doses.size(); ++i) {
    EXPECT_NEAR(liquid_doses[i], 0.1 * static_cast<double>(i + 1), 1e-9);
  }
  // No maximum: listed up to 1000 mg, not without end.
  EXPECT_EQ(achievable_doses("diazepam", kInf, parse_formulations("diazepam:1 solution")).size(),
            10000u);
}

// ---- property test against an independent brute force ----

// Amounts in nanograms (integers) that can be made by enumerating pieces one at a time.
struct BruteForce {
  std::set<std::int64_t> amounts;
};

std::int64_t ng(double mg) { return std::llround(mg * 1e6); }

void add_pieces(const std::vector<std::int64_t>& sizes, std::size_t from, int left,
                std::int64_t sum, std::int64_t limit, std::set<std::int64_t>& out) {
  out.insert(sum);
  if (left == 0) return;
  for (std::size_t i = from; i < sizes.size(); ++i) {
    if (sum + sizes[i] <= limit) add_pieces(sizes, i, left - 1, sum + sizes[i], limit, out);
  }
}

BruteForce brute_force(const FormulationSet& set, int max_pieces, double limit_mg) {
  std::vector<std::int64_t> pieces;  // every piece a person may handle, in ng
  std::vector<std::int64_t> grains;  // liquids: one measuring step, in ng
  for (const auto& o : set.options) {
    if (o.is_liquid()) {
      grains.push_back(ng(o.strength_mg_per_ml * o.measure_increment_ml));
      continue;
    }
    pieces.push_back(ng(o.strength_mg));
    if (o.form != FormulationForm::kTablet) continue;
    if (o.split != Split::kNone) pieces.push_back(ng(o.strength_mg / 2));
    if (o.split == Split::kQuarter) pieces.push_back(ng(o.strength_mg / 4));
  }
  const std::int64_t limit = ng(limit_mg);
  std::set<std::int64_t> solids_full;
  std::set<std::int64_t> solids_spare;  // leaving one piece for a liquid
  add_pieces(pieces, 0, max_pieces, 0, limit, solids_full);
  add_pieces(pieces, 0, max_pieces - 1, 0, limit, solids_spare);
  BruteForce out;
  out.amounts = solids_full;
  for (const std::int64_t g : grains) {
    for (const std::int64_t s : solids_spare) {
      for (std::int64_t a = s + g; a <= limit; a += g) out.amounts.insert(a);
    }
  }
  out.amounts.erase(0);
  return out;
}

void check_makeup_is_allowed(const DoseMakeup& m, const FormulationSet& set) {
  double sum = 0;
  int liquids = 0;
  for (const auto& p : m.parts) {
    bool listed = false;
    for (const auto& o : set.options) {
      listed = listed || (o.form == p.option.form && o.strength_mg == p.option.strength_mg &&
                          o.strength_mg_per_ml == p.option.strength_mg_per_ml);
    }
    EXPECT_TRUE(listed);
    if (p.option.is_liquid()) {
      ++liquids;
      const double steps = p.volume_ml / p.option.measure_increment_ml;
      EXPECT_NEAR(steps, std::round(steps), 1e-6) << m.describe();
      EXPECT_GT(p.volume_ml, 0);
    } else {
      EXPECT_GT(p.quarters, 0);
      const int step = p.option.split == Split::kQuarter ? 1
                       : p.option.split == Split::kHalf  ? 2
                                                         : 4;
      EXPECT_EQ(p.quarters % step, 0) << m.describe();
    }
    sum += p.mg();
  }
  EXPECT_LE(liquids, 1);
  EXPECT_NEAR(sum, m.dose_mg, 1e-9) << m.describe();
}

void property_check(const std::string& label, const FormulationSet& set, int max_pieces,
                    double top_mg, unsigned seed) {
  SCOPED_TRACE(label);
  const double limit = top_mg * 1.5;
  const BruteForce brute = brute_force(set, max_pieces, limit);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> target_dist(0.0, top_mg);
  std::uniform_real_distribution<double> max_factor(0.7, 1.4);
  std::uniform_int_distribution<int> grid(0, 3);
  const MakeupRules rules{max_pieces};
  int failures = 0;
  for (int i = 0; i < 3000 && failures < 5; ++i) {
    double target = target_dist(rng);
    // Many planner targets are on a grid already: test exact ties too.
    if (grid(rng) == 0) target = std::round(target * 8) / 8;
    const double max = grid(rng) == 0 ? kInf : target * max_factor(rng);
    const auto made = make_dose("testazepam", target, max, set, rules);
    const std::int64_t t = ng(target);
    const std::int64_t cap =
        std::isinf(max) ? ng(limit) : static_cast<std::int64_t>(std::floor(max * 1e6 + 1e-3));
    // The nearest feasible amount by brute force.
    std::int64_t best = -1;
    for (const std::int64_t a : brute.amounts) {
      if (a > cap) break;
      if (best < 0 || std::llabs(a - t) < std::llabs(best - t)) best = a;
    }
    if (target == 0.0) {
      EXPECT_TRUE(made.has_value() && made->dose_mg == 0);
      continue;
    }
    if (best < 0) {
      EXPECT_FALSE(made.has_value()) << "target " << target << " max " << max;
      failures += made.has_value() ? 1 : 0;
      continue;
    }
    if (!made.has_value()) {
      ADD_FAILURE() << "nothing made for target " << target << " max " << max;
      ++failures;
      continue;
    }
    const std::int64_t got = ng(made->dose_mg);
    const bool ok = made->dose_mg <= max + 1e-9 && made->dose_mg > 0 &&
                    brute.amounts.count(got) == 1 && std::llabs(got - t) <= std::llabs(best - t) &&
                    made->pieces() <= max_pieces;
    if (!ok) {
      ++failures;
      ADD_FAILURE() << "target " << target << " max " << max << ": made " << made->describe()
                    << " = " << made->dose_mg << " mg, nearest feasible "
                    << static_cast<double>(best) / 1e6 << " mg";
    }
    check_makeup_is_allowed(*made, set);
  }
}

TEST(DoseMakeupProperty, NearestFeasibleAmountWithinTheRules) {
  FormulationSet tablets;
  tablets.options = {solid(2, Split::kHalf), solid(5, Split::kNone), solid(10, Split::kNone)};
  property_check("diazepam tablets", tablets, 4, 30, 1);
  property_check("diazepam tablets, 2 pieces", tablets, 2, 25, 2);

  FormulationSet mixed = tablets;
  mixed.options.push_back(liquid(1, 0.1));
  property_check("tablets and a liquid", mixed, 4, 30, 3);
  property_check("tablets and a liquid, 2 pieces", mixed, 2, 25, 4);

  FormulationSet clonazepam;
  clonazepam.options = {solid(0.5, Split::kQuarter), solid(2, Split::kHalf),
                        solid(0.125, Split::kNone, FormulationForm::kOdt), liquid(0.4, 0.1),
                        liquid(0.1, 0.5)};
  property_check("clonazepam mix", clonazepam, 4, 4, 5);
  property_check("clonazepam mix, 3 pieces", clonazepam, 3, 4, 6);

  FormulationSet odd;
  odd.options = {solid(3.75, Split::kQuarter), solid(7.5, Split::kHalf), solid(22.5, Split::kNone),
                 liquid(2.5, 0.2)};
  property_check("odd strengths", odd, 3, 60, 7);
}

TEST(DoseMakeupProperty, AchievableDosesAgreeWithTheBruteForce) {
  FormulationSet set;
  set.options = {solid(0.5, Split::kQuarter), solid(2, Split::kHalf), liquid(0.4, 0.5)};
  for (int max_pieces : {1, 2, 4}) {
    const BruteForce brute = brute_force(set, max_pieces, 6);
    std::vector<double> expected;
    for (const std::int64_t a : brute.amounts) expected.push_back(static_cast<double>(a) / 1e6);
    const std::vector<double> got = achievable_doses("testazepam", 6, set, MakeupRules{max_pieces});
    ASSERT_EQ(got.size(), expected.size()) << max_pieces;
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], expected[i], 1e-9);
    // And make_dose reproduces each of them exactly.
    for (const double a : got) {
      EXPECT_NEAR(make("testazepam", a, a, set, MakeupRules{max_pieces}).dose_mg, a, 1e-12);
    }
  }
}

// A DoseMaker answers as make_dose and achievable_doses do for the same products, rules and
// amounts, including the edges (no usable product, zero, negative and NaN amounts), and goes on
// answering after the thread's table cache has moved on to many other sets.
TEST(DoseMaker, AnswersAsMakeDoseAndAchievableDoses) {
  std::vector<std::pair<std::string, FormulationSet>> sets;
  FormulationSet mixed;
  mixed.options = {solid(0.5, Split::kQuarter), solid(2, Split::kHalf), liquid(0.4, 0.1)};
  sets.emplace_back("testazepam", mixed);
  FormulationSet one_liquid;
  one_liquid.options = {liquid(0.1, 0.1)};
  sets.emplace_back("testazepam", one_liquid);
  sets.emplace_back("testazepam", FormulationSet{});  // nothing to make it with
  sets.emplace_back("clonazepam", parse_formulations("clonazepam:0.5,1,2 tablet half"));
  sets.emplace_back("otherazepam", mixed);  // products of another drug only
  const std::vector<double> amounts = {-1,    0, 1e-9, 0.01, 0.1, 0.125, 0.33,        0.5,
                                       0.875, 1, 2.3,  4.5,  7,   30,    std::nan("")};
  int made = 0;
  for (const MakeupRules rules : {MakeupRules{}, MakeupRules{2}}) {
    for (const auto& [drug, set] : sets) {
      const DoseMaker maker(drug, set, rules);
      // Fill the thread's cache with other tables: the maker keeps its own.
      for (int i = 1; i <= 20; ++i) {
        FormulationSet other;
        other.options = {solid(0.25 * i, Split::kNone)};
        (void)make_dose("testazepam", 1, 1, other, rules);
      }
      for (const double target : amounts) {
        for (const double max : amounts) {
          const auto expected = make_dose(drug, target, max, set, rules);
          const auto got = maker.make(target, max);
          ASSERT_EQ(got.has_value(), expected.has_value()) << drug << " " << target << " " << max;
          if (!got) continue;
          EXPECT_EQ(got->dose_mg, expected->dose_mg);
          EXPECT_EQ(got->describe(), expected->describe());
          made += got->dose_mg > 0 ? 1 : 0;
        }
        EXPECT_EQ(maker.achievable(target), achievable_doses(drug, target, set, rules)) << target;
      }
    }
  }
  EXPECT_GT(made, 100);  // not all empty answers agreeing
}

// How fast: bench/timing_bench.cpp (BM_MakeDose).

TEST(SuggestFormulation, NamesAProductThatMakesTheAmount) {
  const Catalog& catalog = shipped_catalog();
  const std::string one = suggest_formulation("diazepam", 1, catalog);
  EXPECT_NE(one.find("2 mg diazepam tablet halved"), std::string::npos) << one;
  EXPECT_NE(one.find("diazepam oral solution"), std::string::npos) << one;
  // 0.3 mg: no tablet piece is that small, a solution is.
  const std::string small = suggest_formulation("diazepam", 0.3, catalog);
  EXPECT_EQ(small.find("tablet"), std::string::npos) << small;
  EXPECT_NE(small.find("oral solution"), std::string::npos) << small;
  // No liquid and nothing small enough: a compounded preparation.
  const std::string tiny = suggest_formulation("oxazepam", 0.25, catalog);
  EXPECT_EQ(tiny,
            "a compounded preparation of oxazepam (e.g. a 0.25 mg capsule or a liquid) from a "
            "pharmacy");
  // Nothing exact, something below: said so, with a compounded preparation for the exact amount.
  const std::string below = suggest_formulation("oxazepam", 12, catalog);
  EXPECT_NE(below.find("10 mg oxazepam"), std::string::npos) << below;
  EXPECT_NE(below.find("nearest below"), std::string::npos) << below;
  EXPECT_NE(below.find("compounded"), std::string::npos) << below;
  // Brand names work too.
  EXPECT_NE(suggest_formulation("Valium", 1, catalog).find("diazepam"), std::string::npos);
}

}  // namespace
}  // namespace taperlab
