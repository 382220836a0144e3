#include "core/plan/dose_makeup.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <unordered_map>

#include "core/drugs/catalog.hpp"
#include "core/base/text.hpp"

namespace taperlab {
namespace {

// Every amount is an exact integer count of units of 0.25 ng (1 mg = 4,000,000 units), so a
// quarter of any strength written to the nanogram is a whole number of units and sums never
// drift. Amounts are compared and tied exactly on this grid.
using Units = std::int64_t;
constexpr double kUnitsPerMg = 4e6;
// Far above any dose (250,000 mg): keeps products of counts and units inside 64 bits.
constexpr Units kMaxUnits = Units{1'000'000'000'000};
constexpr double kToleranceMg = 1e-9;
// In the strength tie-break every solid ranks above every liquid (tablets before a liquid).
constexpr Units kSolidRank = Units{1} << 50;
// Each thread keeps the tables of the last few option lists it saw (make_dose is called thousands
// of times per plan with the same few lists).
constexpr std::size_t kCacheSize = 16;
// More pieces than this per dose is not a plan anyone can follow; it also bounds the tables.
constexpr int kMostPieces = 32;
constexpr double kMostListedMg = 1000.0;

Units to_units(double mg) { return static_cast<Units>(std::llround(mg * kUnitsPerMg)); }
double to_mg(Units u) { return static_cast<double>(u) / kUnitsPerMg; }

// Pieces a person handles for q quarters of one tablet: whole tablets, plus a half or a quarter,
// and 3/4 as a half and a quarter.
int pieces_for(int q) { return q / 4 + (q % 4 == 3 ? 2 : (q % 4 != 0 ? 1 : 0)); }
int split_pieces_for(int q) { return q % 4 == 3 ? 2 : (q % 4 != 0 ? 1 : 0); }

// What one option contributes to a table: only these numbers decide which doses can be made.
struct KeyItem {
  bool liquid = false;
  int step = 4;     // solids: allowed multiples of a quarter (4 whole, 2 halves, 1 quarters)
  Units grain = 0;  // solids: one quarter tablet; liquids: one measuring increment
  Units rank = 0;   // tie-break value: strength (solids) or concentration (liquids)
  bool operator==(const KeyItem&) const = default;
};

// A set of solid quantities (quarters of each solid option) that makes one amount.
struct Combo {
  Units amount = 0;
  int pieces = 0;
  int products = 0;
  int splits = 0;
  std::size_t first = 0;  // offset of its quarters in Table::quarters
};

struct Table {
  int max_pieces = 0;
  int max_products = 0;                // 0: any number
  std::vector<KeyItem> key;            // one per usable option of the drug, in option order
  std::vector<int> solids;             // indices into key, strongest first
  std::vector<int> liquids;            // indices into key
  std::vector<Combo> combos;           // solid-only amounts, ascending, the best way to make each
  std::vector<Units> amounts;          // combos[i].amount, for searching
  std::vector<std::uint8_t> quarters;  // combos.size() x solids.size(), in `solids` order

  [[nodiscard]] int quarters_of(const Combo& c, std::size_t s) const {
    return quarters[c.first + s];
  }
};

// One way to make a dose: a solid combo (or none), and at most one liquid volume.
struct Candidate {
  Units amount = 0;
  Units distance = 0;
  int pieces = 0;
  int products = 0;
  int splits = 0;
  int combo = -1;   // index into Table::combos
  int liquid = -1;  // index into Table::liquids
  Units increments = 0;
};

// Tie-break key: the strengths used, strongest first, liquids after every solid.
std::vector<Units> strength_key(const Table& t, const Candidate& c) {
  std::vector<Units> key;
  if (c.combo >= 0) {
    const Combo& combo = t.combos[static_cast<std::size_t>(c.combo)];
    for (std::size_t s = 0; s < t.solids.size(); ++s) {
      if (t.quarters_of(combo, s) > 0) {
        key.push_back(kSolidRank + t.key[static_cast<std::size_t>(t.solids[s])].rank);
      }
    }
  }
  if (c.liquid >= 0) {
    key.push_back(
        t.key[static_cast<std::size_t>(t.liquids[static_cast<std::size_t>(c.liquid)])].rank);
  }
  return key;
}

// Nearer first; then fewest pieces, fewest products, the smaller amount (of two equally near, one
// below and one above the target), fewest broken tablets, and larger strengths.
bool better(const Table& t, const Candidate& a, const Candidate& b) {
  if (a.distance != b.distance) return a.distance < b.distance;
  if (a.pieces != b.pieces) return a.pieces < b.pieces;
  if (a.products != b.products) return a.products < b.products;
  if (a.amount != b.amount) return a.amount < b.amount;
  if (a.splits != b.splits) return a.splits < b.splits;
  const auto ka = strength_key(t, a);
  const auto kb = strength_key(t, b);
  return std::lexicographical_compare(kb.begin(), kb.end(), ka.begin(), ka.end());
}

Candidate solid_candidate(const Table& t, int index, Units target) {
  const Combo& c = t.combos[static_cast<std::size_t>(index)];
  Candidate out;
  out.amount = c.amount;
  out.distance = c.amount > target ? c.amount - target : target - c.amount;
  out.pieces = c.pieces;
  out.products = c.products;
  out.splits = c.splits;
  out.combo = index;
  return out;
}

// Partial combos by amount: the best way found so far to make each amount from the solids seen.
struct Partial {
  int pieces = 0;
  int products = 0;
  int splits = 0;
  std::vector<std::uint8_t> quarters;  // in Table::solids order
};

// Whether partial a beats partial b for the same amount (as better() decides). Solids are added
// strongest first, so comparing the strengths used so far decides the same way as comparing the
// finished combos: a dynamic programme over amounts is exact.
bool better_partial(const Table& t, const Partial& a, const Partial& b) {
  if (a.pieces != b.pieces) return a.pieces < b.pieces;
  if (a.products != b.products) return a.products < b.products;
  if (a.splits != b.splits) return a.splits < b.splits;
  std::size_t ia = 0;
  std::size_t ib = 0;
  const std::size_t n = t.solids.size();
  while (true) {
    while (ia < n && a.quarters[ia] == 0) ++ia;
    while (ib < n && b.quarters[ib] == 0) ++ib;
    if (ia == n || ib == n) return ia != n && ib == n;
    const Units ra = t.key[static_cast<std::size_t>(t.solids[ia])].rank;
    const Units rb = t.key[static_cast<std::size_t>(t.solids[ib])].rank;
    if (ra != rb) return ra > rb;
    ++ia;
    ++ib;
  }
}

std::unique_ptr<Table> build_table(std::vector<KeyItem> key, int max_pieces, int max_products) {
  auto t = std::make_unique<Table>();
  t->max_pieces = max_pieces;
  t->max_products = max_products;
  t->key = std::move(key);
  for (std::size_t i = 0; i < t->key.size(); ++i) {
    (t->key[i].liquid ? t->liquids : t->solids).push_back(static_cast<int>(i));
  }
  std::stable_sort(t->solids.begin(), t->solids.end(), [&](int a, int b) {
    return t->key[static_cast<std::size_t>(a)].rank > t->key[static_cast<std::size_t>(b)].rank;
  });
  const std::size_t n = t->solids.size();

  std::map<Units, Partial> states;
  states.emplace(0, Partial{0, 0, 0, std::vector<std::uint8_t>(n, 0)});
  for (std::size_t s = 0; s < n; ++s) {
    const KeyItem& item = t->key[static_cast<std::size_t>(t->solids[s])];
    std::map<Units, Partial> next;
    for (const auto& [amount, partial] : states) {
      const int budget = max_pieces - partial.pieces;
      for (int q = 0; q <= 4 * budget + 3 && q <= 255; q += item.step) {
        const int p = pieces_for(q);
        if (p > budget) continue;
        Partial grown = partial;
        grown.pieces += p;
        grown.products += q > 0 ? 1 : 0;
        if (max_products > 0 && grown.products > max_products) continue;
        grown.splits += split_pieces_for(q);
        grown.quarters[s] = static_cast<std::uint8_t>(q);
        const Units total = amount + item.grain * q;
        auto [it, inserted] = next.try_emplace(total, grown);
        if (!inserted && better_partial(*t, grown, it->second)) it->second = std::move(grown);
      }
    }
    states = std::move(next);
  }
  for (const auto& [amount, partial] : states) {
    if (amount <= 0) continue;
    t->combos.push_back(
        {amount, partial.pieces, partial.products, partial.splits, t->quarters.size()});
    t->quarters.insert(t->quarters.end(), partial.quarters.begin(), partial.quarters.end());
    t->amounts.push_back(amount);
  }
  return t;
}

// The table for the options of one drug, from this thread's cache.
struct Lookup {
  std::shared_ptr<const Table> table;  // shared: a DoseMaker keeps it after the cache lets it go
  const std::vector<const DispensingOption*>* options = nullptr;  // parallel to table->key
};

struct ThreadCache {
  std::vector<std::shared_ptr<const Table>> tables;  // most recently used first
  std::vector<const DispensingOption*> options;
  std::vector<KeyItem> key;
};

Lookup lookup(const std::string& drug_id, const FormulationSet& formulations, int max_pieces,
              int max_products) {
  thread_local ThreadCache cache;
  cache.options.clear();
  cache.key.clear();
  for (const auto& o : formulations.options) {
    if (o.drug_id != drug_id) continue;
    KeyItem item;
    if (o.is_liquid()) {
      if (!(o.strength_mg_per_ml > 0) || !(o.measure_increment_ml > 0)) continue;
      item.liquid = true;
      item.grain = to_units(o.strength_mg_per_ml * o.measure_increment_ml);
      item.rank = to_units(o.strength_mg_per_ml);
    } else {
      if (!(o.strength_mg > 0)) continue;
      // Capsules and ODTs are never split, whatever their split says.
      const Split split = o.form == FormulationForm::kTablet ? o.split : Split::kNone;
      item.step = split == Split::kQuarter ? 1 : (split == Split::kHalf ? 2 : 4);
      item.grain = static_cast<Units>(std::llround(o.strength_mg * 1e6));  // a quarter, in units
      item.rank = 4 * item.grain;
    }
    if (item.grain <= 0 || item.grain > kMaxUnits) continue;
    cache.options.push_back(&o);
    cache.key.push_back(item);
  }
  if (cache.key.empty()) return {};
  auto& tables = cache.tables;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i]->max_pieces == max_pieces && tables[i]->max_products == max_products &&
        tables[i]->key == cache.key) {
      if (i > 0)
        std::rotate(tables.begin(), tables.begin() + static_cast<std::ptrdiff_t>(i),
                    tables.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      return {tables.front(), &cache.options};
    }
  }
  if (tables.size() >= kCacheSize) tables.pop_back();
  tables.insert(tables.begin(), build_table(cache.key, max_pieces, max_products));
  return {tables.front(), &cache.options};
}

int clamp_pieces(const MakeupRules& rules) { return std::clamp(rules.max_pieces, 1, kMostPieces); }

Units max_units(double max_mg) {
  const double m = std::floor((max_mg + kToleranceMg) * kUnitsPerMg);
  return m >= static_cast<double>(kMaxUnits) ? kMaxUnits : static_cast<Units>(m);
}

std::optional<Candidate> nearest(const Table& t, Units target, Units max_u) {
  std::optional<Candidate> best;
  auto consider = [&](const Candidate& c) {
    if (!best || better(t, c, *best)) best = c;
  };
  // Solids alone: the nearest amounts at or below, and at or above, the target.
  const Units below_limit = std::min(target, max_u);
  auto it = std::upper_bound(t.amounts.begin(), t.amounts.end(), below_limit);
  if (it != t.amounts.begin()) {
    consider(solid_candidate(t, static_cast<int>(it - t.amounts.begin()) - 1, target));
  }
  it = std::lower_bound(t.amounts.begin(), t.amounts.end(), target);
  if (it != t.amounts.end() && *it <= max_u) {
    consider(solid_candidate(t, static_cast<int>(it - t.amounts.begin()), target));
  }
  // One liquid, alone or topping up a solid combo that leaves a piece to spare.
  for (std::size_t l = 0; l < t.liquids.size(); ++l) {
    const Units grain = t.key[static_cast<std::size_t>(t.liquids[l])].grain;
    for (int ci = -1; ci < static_cast<int>(t.combos.size()); ++ci) {
      Candidate c;
      if (ci >= 0) {
        c = solid_candidate(t, ci, target);
        if (c.pieces + 1 > t.max_pieces) continue;
        if (t.max_products > 0 && c.products + 1 > t.max_products) continue;
      }
      const Units base = c.amount;
      if (base + grain > max_u) break;
      if (best && base + grain - target > best->distance) break;
      const Units most = (max_u - base) / grain;
      const Units below = target > base ? (target - base) / grain : 0;
      for (Units k : {below, below + 1}) {
        k = std::clamp<Units>(k, 1, most);
        Candidate with = c;
        with.liquid = static_cast<int>(l);
        with.increments = k;
        with.amount = base + k * grain;
        with.distance = with.amount > target ? with.amount - target : target - with.amount;
        with.pieces += 1;
        with.products += 1;
        consider(with);
      }
    }
  }
  return best;
}

DoseMakeup to_makeup(const Table& t, const std::vector<const DispensingOption*>& options,
                     const Candidate& c) {
  DoseMakeup m;
  m.dose_mg = to_mg(c.amount);
  if (c.combo >= 0) {
    const Combo& combo = t.combos[static_cast<std::size_t>(c.combo)];
    for (std::size_t s = 0; s < t.solids.size(); ++s) {
      const int q = t.quarters_of(combo, s);
      if (q == 0) continue;
      UnitPart part;
      part.option = *options[static_cast<std::size_t>(t.solids[s])];
      part.quarters = q;
      m.parts.push_back(std::move(part));
    }
  }
  if (c.liquid >= 0) {
    UnitPart part;
    part.option = *options[static_cast<std::size_t>(t.liquids[static_cast<std::size_t>(c.liquid)])];
    part.volume_ml =
        std::round(static_cast<double>(c.increments) * part.option.measure_increment_ml * 1e6) /
        1e6;
    m.parts.push_back(std::move(part));
  }
  return m;
}

std::string quarters_text(int q) {
  static const char* const kFractions[] = {"", "1/4", "1/2", "3/4"};
  const int whole = q / 4;
  const int rest = q % 4;
  if (rest == 0) return std::to_string(whole);
  if (whole == 0) return kFractions[rest];
  return std::to_string(whole) + " " + kFractions[rest];
}

}  // namespace

double UnitPart::mg() const {
  if (option.is_liquid()) return option.strength_mg_per_ml * volume_ml;
  return option.strength_mg * quarters / 4.0;
}

std::string DoseMakeup::describe() const {
  if (parts.empty() || dose_mg <= 0) return "none";
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += " + ";
    if (p.option.is_liquid()) {
      out += format_decimal(p.volume_ml, 2) + " mL of " +
             format_decimal(p.option.strength_mg_per_ml, 4) + " mg/mL";
    } else {
      out += quarters_text(p.quarters) + " x " + format_decimal(p.option.strength_mg, 4) + " mg";
    }
  }
  return out;
}

int DoseMakeup::pieces() const {
  int n = 0;
  for (const auto& p : parts) n += p.option.is_liquid() ? 1 : pieces_for(p.quarters);
  return n;
}

namespace {

// make_dose once the table is known (or known to be none); `options` are the table's.
std::optional<DoseMakeup> make_from(const Table* table,
                                    const std::vector<const DispensingOption*>* options,
                                    double target_mg, double max_mg) {
  if (std::isnan(target_mg) || std::isnan(max_mg)) return std::nullopt;
  const Units target = target_mg <= 0 ? 0 : std::min(to_units(std::min(target_mg, 1e9)), kMaxUnits);
  if (target == 0) return DoseMakeup{};
  const Units max_u = max_units(max_mg);
  if (max_u <= 0) return std::nullopt;
  if (table == nullptr) return std::nullopt;
  const auto best = nearest(*table, target, max_u);
  if (!best) return std::nullopt;
  return to_makeup(*table, *options, *best);
}

std::vector<double> achievable_from(const Table* table, double max_mg);

}  // namespace

struct DoseMaker::Prepared {
  std::shared_ptr<const Table> table;
  std::vector<const DispensingOption*> options;  // into the maker's FormulationSet
};

DoseMaker::DoseMaker(const std::string& drug_id, const FormulationSet& formulations,
                     const MakeupRules& rules) {
  Lookup found =
      lookup(drug_id, formulations, clamp_pieces(rules), std::max(0, rules.max_products));
  if (found.table == nullptr) return;
  prepared_ = std::make_shared<const Prepared>(Prepared{std::move(found.table), *found.options});
}

std::optional<DoseMakeup> DoseMaker::make(double target_mg, double max_mg) const {
  return make_from(prepared_ ? prepared_->table.get() : nullptr,
                   prepared_ ? &prepared_->options : nullptr, target_mg, max_mg);
}

std::vector<double> DoseMaker::achievable(double max_mg) const {
  return achievable_from(prepared_ ? prepared_->table.get() : nullptr, max_mg);
}

std::optional<DoseMakeup> make_dose(const std::string& drug_id, double target_mg, double max_mg,
                                    const FormulationSet& formulations, const MakeupRules& rules) {
  // The table is looked up only for a dose that needs one.
  if (std::isnan(target_mg) || std::isnan(max_mg) || target_mg <= 0 || max_units(max_mg) <= 0) {
    return make_from(nullptr, nullptr, target_mg, max_mg);
  }
  const Lookup found =
      lookup(drug_id, formulations, clamp_pieces(rules), std::max(0, rules.max_products));
  return make_from(found.table.get(), found.options, target_mg, max_mg);
}

std::vector<double> achievable_doses(const std::string& drug_id, double max_mg,
                                     const FormulationSet& formulations, const MakeupRules& rules) {
  if (std::isnan(max_mg)) return {};
  return achievable_from(
      lookup(drug_id, formulations, clamp_pieces(rules), std::max(0, rules.max_products))
          .table.get(),
      max_mg);
}

namespace {

std::vector<double> achievable_from(const Table* table, double max_mg) {
  std::vector<double> out;
  if (std::isnan(max_mg)) return out;
  // No single dose of any benzodiazepine or Z-drug comes near 1000 mg; the cap keeps an unbounded
  // max_mg with a fine liquid from listing millions of amounts.
  const Units max_u = std::min(max_units(max_mg), to_units(kMostListedMg));
  if (max_u <= 0) return out;
  if (table == nullptr) return out;
  const Table& t = *table;
  std::vector<Units> amounts;
  for (const Combo& c : t.combos) {
    if (c.amount > max_u) break;
    amounts.push_back(c.amount);
  }
  for (const int li : t.liquids) {
    const Units grain = t.key[static_cast<std::size_t>(li)].grain;
    // In each residue class modulo the liquid's step, the smallest base that leaves room for the
    // liquid reaches every later amount of the class.
    std::unordered_map<Units, Units> lowest;
    lowest.emplace(0, 0);
    for (const Combo& c : t.combos) {
      if (c.amount + grain > max_u) break;
      if (c.pieces + 1 <= t.max_pieces &&
          (t.max_products == 0 || c.products + 1 <= t.max_products)) {
        lowest.emplace(c.amount % grain, c.amount);
      }
    }
    for (const auto& [residue, base] : lowest) {
      for (Units a = base + grain; a <= max_u; a += grain) amounts.push_back(a);
    }
  }
  std::sort(amounts.begin(), amounts.end());
  amounts.erase(std::unique(amounts.begin(), amounts.end()), amounts.end());
  out.reserve(amounts.size());
  for (const Units a : amounts) {
    const double mg = std::round(to_mg(a) * 1e6) / 1e6;
    if (mg > 0 && (out.empty() || mg != out.back())) out.push_back(mg);
  }
  return out;
}

}  // namespace

std::string suggest_formulation(const std::string& drug_id, double needed_mg,
                                const Catalog& catalog) {
  const Drug& drug = catalog.drug(drug_id);
  const std::string needed = format_decimal(needed_mg, 4);
  const std::string compounded = "a compounded preparation of " + drug.generic_name + " (e.g. a " +
                                 needed + " mg capsule or a liquid) from a pharmacy";
  if (!(needed_mg > 0)) return compounded;
  const FormulationSet all = default_formulations(catalog, {drug.id});

  struct Found {
    DoseMakeup makeup;
    const DispensingOption* option = nullptr;
  };
  std::optional<Found> solid;
  std::optional<Found> liquid;
  std::optional<Found> below;  // the nearest amount below, when nothing makes it exactly
  for (const auto& o : all.options) {
    FormulationSet one;
    one.options.push_back(o);
    auto m = make_dose(drug.id, needed_mg, needed_mg, one);
    if (!m) continue;
    const bool exact = std::abs(m->dose_mg - needed_mg) <= 1e-6;
    if (!exact) {
      if (!below || m->dose_mg > below->makeup.dose_mg + 1e-9) below = Found{*m, &o};
      continue;
    }
    if (o.is_liquid()) {
      // The weakest solution that needs no more than 10 mL, else the one with the least volume.
      const double v = m->parts.front().volume_ml;
      if (!liquid) {
        liquid = Found{*m, &o};
      } else {
        const double lv = liquid->makeup.parts.front().volume_ml;
        const bool fits = v <= 10.0 + 1e-9;
        const bool liquid_fits = lv <= 10.0 + 1e-9;
        if ((fits && !liquid_fits) ||
            (fits && liquid_fits && o.strength_mg_per_ml < liquid->option->strength_mg_per_ml) ||
            (!fits && !liquid_fits && v < lv)) {
          liquid = Found{*m, &o};
        }
      }
    } else {
      auto rank = [](const Found& f) {
        int splits = 0;
        for (const auto& p : f.makeup.parts) splits += split_pieces_for(p.quarters);
        return std::make_tuple(f.makeup.pieces(), splits, -f.option->strength_mg);
      };
      Found f{*m, &o};
      if (!solid || rank(f) < rank(*solid)) solid = f;
    }
  }

  auto text = [&](const Found& f) {
    const DispensingOption& o = *f.option;
    const std::string name = drug.generic_name;
    if (o.is_liquid()) {
      return name + " oral solution " + format_decimal(o.strength_mg_per_ml, 4) + " mg/mL";
    }
    const std::string noun = o.form == FormulationForm::kCapsule ? "capsule"
                             : o.form == FormulationForm::kOdt   ? "orally disintegrating tablet"
                                                                 : "tablet";
    const std::string strength = format_decimal(o.strength_mg, 4) + " mg " + name + " " + noun;
    const int q = f.makeup.parts.front().quarters;
    if (q == 4) return "a " + strength;
    if (q == 2) return "a " + strength + " halved";
    if (q == 1) return "a " + strength + " quartered";
    if (q % 4 == 0) return std::to_string(q / 4) + " x " + strength + "s";
    return quarters_text(q) + " x " + strength + (q % 2 == 0 ? "s halved" : "s quartered");
  };

  if (solid || liquid) {
    std::string out;
    if (solid) out = text(*solid);
    if (liquid) out += (out.empty() ? "" : ", or ") + text(*liquid);
    return out;
  }
  if (below) {
    return text(*below) + " makes " + format_decimal(below->makeup.dose_mg, 4) +
           " mg, the nearest below " + needed + " mg; for exactly " + needed + " mg, " + compounded;
  }
  return compounded;
}

}  // namespace taperlab
