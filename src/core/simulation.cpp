#include "core/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

#include "core/catalog.hpp"
#include "core/error.hpp"
#include "core/pk_system.hpp"
#include "core/potency.hpp"

namespace taperlab {

struct Simulator::DrugBlock {
  DrugBlock(const Drug& drug, const EquivalenceTable& table)
      : pk(drug), potency(solve_potency(drug, pk, table)), day(pk.propagator(24.0)) {}

  // exp(M dt), cached: dose times fall on few distinct offsets within the output step.
  const Propagator& propagator(double dt_h) {
    for (const auto& p : cache) {
      if (std::abs(p.dt_h - dt_h) < 1e-9) return p;
    }
    cache.push_back(pk.propagator(dt_h));
    return cache.back();
  }

  PkSystem pk;
  DrugPotency potency;
  Propagator day;
  std::deque<Propagator> cache;  // deque: references stay valid as it grows
};

namespace {

// A dose arriving in the gut of one block (time of intake plus lag), amount F * D.
struct GutInput {
  double t_h;
  std::size_t block;
  double amount_mg;
};

// One pool of adaptation over one output step with the effect linear in between:
// exact solution of dT/dt = k (w E - T) for E(t) = E0 + (E1 - E0) t / h.
struct PoolStep {
  PoolStep(double k_per_h, double weight, double h) : w(weight) {
    a = std::exp(-k_per_h * h);
    const double g = (1.0 - a) / (k_per_h * h);
    c1 = weight * (1.0 - g);
    c0 = weight * (g - a);
  }
  [[nodiscard]] double next(double t0, double e0, double e1) const {
    return a * t0 + c1 * e1 + c0 * e0;
  }
  double w;
  double a;
  double c1;
  double c0;
};

struct ActiveBlock {
  std::size_t n;
  PkState x{};
  const PkState* weight;
  std::vector<std::size_t> species_column;  // per state 1..n-1
  std::vector<double> volume_l;
};

}  // namespace

Simulator::Simulator(const Catalog& catalog, const EquivalenceTable& table, ModelParameters params)
    : catalog_(&catalog), table_(&table), params_(params) {
  validate(params_);
}
Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;

Simulator::DrugBlock& Simulator::block(const std::string& drug_id) {
  auto it = blocks_.find(drug_id);
  if (it == blocks_.end()) {
    const Drug& drug = catalog_->drug(drug_id);
    it = blocks_.emplace(drug.id, std::make_unique<DrugBlock>(drug, *table_)).first;
  }
  return *it->second;
}

SimulationTrace Simulator::run(const SimulationRequest& request) {
  const double h = request.output_step_h;
  if (!(h > 0) || !(request.duration_h >= 0) || !std::isfinite(request.duration_h)) {
    throw ValidationError("duration",
                          "must be a non-negative number of hours with a positive step");
  }
  SimulationTrace trace;

  // Blocks in first-seen order: the steady-state regimen first, then plan doses.
  std::vector<std::string> drug_ids;
  auto note_drug = [&](const std::string& id) {
    const std::string canonical = catalog_->drug(id).id;
    if (std::find(drug_ids.begin(), drug_ids.end(), canonical) == drug_ids.end()) {
      drug_ids.push_back(canonical);
    }
    return canonical;
  };
  for (const auto& d : request.steady_state.drugs) note_drug(d.drug_id);
  for (const auto& e : request.doses) note_drug(e.drug_id);

  std::vector<DrugBlock*> blocks;
  std::vector<ActiveBlock> active;
  for (const auto& id : drug_ids) {
    DrugBlock& b = block(id);
    blocks.push_back(&b);
    ActiveBlock a{b.pk.size(), {}, &b.potency.weight, {}, {}};
    for (std::size_t s = 1; s < b.pk.size(); ++s) {
      const std::string& name = b.pk.species()[s - 1];
      auto col = std::find(trace.species.begin(), trace.species.end(), name);
      if (col == trace.species.end()) {
        trace.species.push_back(name);
        col = trace.species.end() - 1;
      }
      a.species_column.push_back(static_cast<std::size_t>(col - trace.species.begin()));
      a.volume_l.push_back(b.pk.volume_l(s));
    }
    active.push_back(std::move(a));
  }
  auto block_index = [&](const std::string& id) {
    const std::string& canonical = catalog_->drug(id).id;
    return static_cast<std::size_t>(std::find(drug_ids.begin(), drug_ids.end(), canonical) -
                                    drug_ids.begin());
  };

  // Gut inputs of the run: plan doses, plus doses taken the evening before whose lag carries them
  // past midnight.
  std::vector<GutInput> inputs;
  std::vector<std::vector<GutInput>> periodic(blocks.size());  // one day, times mod 24
  for (const auto& d : request.steady_state.drugs) {
    const std::size_t bi = block_index(d.drug_id);
    const double lag = blocks[bi]->pk.lag_h();
    const double f = blocks[bi]->pk.bioavailability();
    for (const auto& dose : d.doses) {
      const double enter = dose.time.hours() + lag;
      periodic[bi].push_back({std::fmod(enter, 24.0), bi, f * dose.dose_mg});
      for (double carry = enter - 24.0; carry >= 0.0; carry -= 24.0) {
        inputs.push_back({carry, bi, f * dose.dose_mg});
      }
    }
  }
  for (const auto& e : request.doses) {
    if (!(e.dose_mg > 0) || !std::isfinite(e.dose_mg) || !std::isfinite(e.t_h) || e.t_h < 0) {
      throw ValidationError("doses", "each dose needs a positive amount at a time >= 0");
    }
    const std::size_t bi = block_index(e.drug_id);
    inputs.push_back(
        {e.t_h + blocks[bi]->pk.lag_h(), bi, blocks[bi]->pk.bioavailability() * e.dose_mg});
  }
  auto by_time = [](const GutInput& a, const GutInput& b) { return a.t_h < b.t_h; };
  std::stable_sort(inputs.begin(), inputs.end(), by_time);
  for (auto& p : periodic) std::stable_sort(p.begin(), p.end(), by_time);

  std::vector<const Propagator*> step_propagator(blocks.size());
  for (std::size_t bi = 0; bi < blocks.size(); ++bi)
    step_propagator[bi] = &blocks[bi]->propagator(h);

  // Advances block bi's state from `t` over one step, applying its inputs in [t, t + h).
  auto advance_block = [&](std::size_t bi, const std::vector<GutInput>& in, std::size_t& next,
                           double t) {
    PkState& x = active[bi].x;
    const std::size_t n = active[bi].n;
    const double end = t + h;
    double now = t;
    while (next < in.size() && in[next].t_h < end - 1e-12) {
      if (in[next].block == bi) {
        if (in[next].t_h > now + 1e-12) {
          advance(blocks[bi]->propagator(in[next].t_h - now), n, x);
          now = in[next].t_h;
        }
        x[0] += in[next].amount_mg;
      }
      ++next;
    }
    if (now == t) {
      advance(*step_propagator[bi], n, x);
    } else if (end - now > 1e-12) {
      advance(blocks[bi]->propagator(end - now), n, x);
    }
  };

  auto drive = [&] {
    double u = 0.0;
    for (const auto& a : active) {
      for (std::size_t s = 1; s < a.n; ++s) u += (*a.weight)[s] * a.x[s];
    }
    return u;
  };

  const EffectParameters& ep = params_.effect;
  const AdaptationParameters& ap = params_.adaptation;
  const PoolStep fast(ap.k_fast_per_h(), ap.w_fast(), h);
  const PoolStep slow(ap.k_slow_per_h(), ap.w_slow, h);

  // Steady state of the regimen taken for months: PK exactly periodic over 24 h ...
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    if (periodic[bi].empty()) continue;
    PkState b{};
    active[bi].x = b;
    const auto steps_per_day = static_cast<long>(std::llround(24.0 / h));
    std::size_t next = 0;
    for (long k = 0; k < steps_per_day; ++k) {
      advance_block(bi, periodic[bi], next, static_cast<double>(k) * h);
    }
    active[bi].x = periodic_steady_state(blocks[bi]->day, active[bi].n, active[bi].x);
  }
  // ... and adaptation periodic too: one day from T = 0 gives T(24) = a^N T(0) + c.
  double t_fast = 0.0;
  double t_slow = 0.0;
  if (!request.steady_state.empty()) {
    const std::vector<ActiveBlock> saved = active;
    const auto steps_per_day = static_cast<long>(std::llround(24.0 / h));
    std::vector<std::size_t> next(blocks.size(), 0);
    double e0 = effect_of_drive(ep, drive());
    double cf = 0.0;
    double cs = 0.0;
    for (long k = 0; k < steps_per_day; ++k) {
      for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
        advance_block(bi, periodic[bi], next[bi], static_cast<double>(k) * h);
      }
      const double e1 = effect_of_drive(ep, drive());
      cf = fast.next(cf, e0, e1);
      cs = slow.next(cs, e0, e1);
      e0 = e1;
    }
    const double n = static_cast<double>(steps_per_day);
    t_fast = cf / (1.0 - std::pow(fast.a, n));
    t_slow = cs / (1.0 - std::pow(slow.a, n));
    active = saved;
  }

  const auto steps = static_cast<std::size_t>(std::llround(request.duration_h / h));
  const std::size_t rows = steps + 1;
  const std::size_t ns = trace.species.size();
  trace.t_h.resize(rows);
  trace.concentration_mg_per_l.assign(rows * ns, 0.0);
  trace.drive_u.resize(rows);
  trace.occupancy.resize(rows);
  trace.effect.resize(rows);
  trace.adaptation.resize(rows);
  trace.withdrawal.resize(rows);
  trace.adaptation_remaining.resize(rows);

  const double t_start = t_fast + t_slow;
  trace.adaptation_at_start = t_start;
  auto record = [&](std::size_t row, double u, double e) {
    trace.t_h[row] = static_cast<double>(row) * h;
    double* conc = trace.concentration_mg_per_l.data() + row * ns;
    for (const auto& a : active) {
      for (std::size_t s = 1; s < a.n; ++s)
        conc[a.species_column[s - 1]] += a.x[s] / a.volume_l[s - 1];
    }
    const double t = t_fast + t_slow;
    trace.drive_u[row] = u;
    trace.occupancy[row] = occupancy_of_drive(ep, u);
    trace.effect[row] = e;
    trace.adaptation[row] = t;
    trace.withdrawal[row] = std::max(0.0, t - e);
    trace.adaptation_remaining[row] = t_start > 0 ? t / t_start : 0.0;
  };

  std::vector<std::size_t> next(blocks.size(), 0);
  double u = drive();
  double e0 = effect_of_drive(ep, u);
  trace.effect_at_start = e0;
  record(0, u, e0);
  for (std::size_t k = 0; k < steps; ++k) {
    const double t = static_cast<double>(k) * h;
    for (std::size_t bi = 0; bi < blocks.size(); ++bi) advance_block(bi, inputs, next[bi], t);
    u = drive();
    const double e1 = effect_of_drive(ep, u);
    t_fast = fast.next(t_fast, e0, e1);
    t_slow = slow.next(t_slow, e0, e1);
    e0 = e1;
    record(k + 1, u, e1);
  }
  return trace;
}

}  // namespace taperlab
