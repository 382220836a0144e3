#include "core/model/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>

#include "core/base/error.hpp"
#include "core/drugs/catalog.hpp"
#include "core/model/pk_system.hpp"
#include "core/model/potency.hpp"

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
  std::vector<double> inverse_volume;
};

// Everything one block's time loop needs.
struct BlockRun {
  const Propagator& step;
  std::function<const Propagator&(double)> propagator;  // exp(M dt) for odd intervals
  const std::vector<GutInput>& inputs;                  // this block's, sorted by time
  PkState x;
  const PkState& weight;
  const std::vector<std::size_t>& species_column;
  const std::vector<double>& inverse_volume;
  double h;
  std::size_t steps;
  std::size_t species_count;
  double* concentration;      // rows x species_count, accumulated into
  double* drive;              // rows, accumulated into
  std::size_t first_step;     // resumed runs start later, from x at that step (a saved one)
  std::size_t every;          // rows between saved states
  std::size_t resume_stride;  // doubles per saved state (all blocks and the pools)
  double* resume_state;       // where this block's state at row 0 goes; rows `every` apart
};

template <std::size_t N>
void run_block_fixed(BlockRun& r) {
  double p[N][N];
  for (std::size_t i = 0; i < N; ++i) {
    for (std::size_t j = 0; j < N; ++j) p[i][j] = r.step.m[i * kMaxPkStates + j];
  }
  double x[N];
  double w[N];
  double inv_v[N];
  std::size_t col[N];
  for (std::size_t i = 0; i < N; ++i) {
    x[i] = r.x[i];
    w[i] = r.weight[i];
    inv_v[i] = i == 0 ? 0.0 : r.inverse_volume[i - 1];
    col[i] = i == 0 ? 0 : r.species_column[i - 1];
  }
  std::size_t next = 0;
  const std::size_t n_in = r.inputs.size();
  // Inputs before the first step were taken in by the run this one resumes.
  const double start_h = static_cast<double>(r.first_step) * r.h;
  while (next < n_in && r.inputs[next].t_h < start_h - 1e-12) ++next;
  std::size_t until_saved = 0;  // the first step is always a saved one
  for (std::size_t k = r.first_step;; ++k) {
    if (until_saved == 0) {
      double* saved = r.resume_state + (k / r.every) * r.resume_stride;
      for (std::size_t i = 0; i < N; ++i) saved[i] = x[i];
      until_saved = r.every;
    }
    --until_saved;
    double u = 0.0;
    double* conc = r.concentration + k * r.species_count;
    for (std::size_t s = 1; s < N; ++s) {
      u += w[s] * x[s];
      conc[col[s]] += x[s] * inv_v[s];
    }
    r.drive[k] += u;
    if (k == r.steps) break;

    const double t = static_cast<double>(k) * r.h;
    const double end = t + r.h;
    if (next < n_in && r.inputs[next].t_h < end - 1e-12) {
      // Doses within this step: move exactly to each, add it, then to the step's end.
      PkState state{};
      for (std::size_t i = 0; i < N; ++i) state[i] = x[i];
      double now = t;
      while (next < n_in && r.inputs[next].t_h < end - 1e-12) {
        const double at = std::max(now, r.inputs[next].t_h);
        if (at > now + 1e-12) {
          advance(r.propagator(at - now), N, state);
          now = at;
        }
        state[0] += r.inputs[next].amount_mg;
        ++next;
      }
      if (now == t) {
        advance(r.step, N, state);
      } else if (end - now > 1e-12) {
        advance(r.propagator(end - now), N, state);
      }
      for (std::size_t i = 0; i < N; ++i) x[i] = state[i];
    } else {
      // Lower triangular: updating from the last row up needs no copy.
      for (std::size_t i = N; i-- > 0;) {
        double sum = 0.0;
        for (std::size_t j = 0; j <= i; ++j) sum += p[i][j] * x[j];
        x[i] = sum;
      }
    }
  }
}

void run_block(std::size_t n, BlockRun& r) {
  switch (n) {
    case 2:
      return run_block_fixed<2>(r);
    case 3:
      return run_block_fixed<3>(r);
    case 4:
      return run_block_fixed<4>(r);
    case 5:
      return run_block_fixed<5>(r);
    case 6:
      return run_block_fixed<6>(r);
    case 7:
      return run_block_fixed<7>(r);
    default:
      throw Error(ErrorCode::kInternal, "unsupported PK state size");
  }
}

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
  SimulationTrace trace;
  run(request, trace);
  return trace;
}

void Simulator::run(const SimulationRequest& request, SimulationTrace& trace) {
  run(request, trace, 0.0);
}

// One run of the model, step by step. The steps hand each other the drug blocks, the gut inputs
// and the layout of the trace, so they are members of one object rather than a long parameter
// list; the two hot loops (run_block_fixed and effect_and_adaptation) keep their locals.
struct Simulator::Run {
  Run(Simulator& simulator, const SimulationRequest& request, SimulationTrace& trace)
      : sim(simulator),
        request(request),
        trace(trace),
        h(request.output_step_h),
        ep(simulator.params_.effect),
        fast(simulator.params_.adaptation.k_fast_per_h(), simulator.params_.adaptation.w_fast(), h),
        slow(simulator.params_.adaptation.k_slow_per_h(), simulator.params_.adaptation.w_slow, h) {}

  void find_drugs();
  void open_blocks();
  [[nodiscard]] std::size_t block_index(const std::string& id) const;
  void collect_gut_inputs();
  void advance_block(std::size_t bi, const std::vector<GutInput>& in, std::size_t& next, double t);
  [[nodiscard]] double drive() const;
  void settle_pk_on_regimen();
  void settle_adaptation_on_regimen();
  void lay_out_saved_states();
  void choose_first_row(double same_until_h);
  void size_trace();
  void concentrations_and_drive();
  void effect_and_adaptation();

  Simulator& sim;
  const SimulationRequest& request;
  SimulationTrace& trace;
  const double h;
  const EffectParameters& ep;
  const PoolStep fast;
  const PoolStep slow;

  std::vector<std::string> drug_ids;  // the blocks' canonical ids, in first-seen order
  std::vector<DrugBlock*> blocks;
  std::vector<ActiveBlock> active;
  std::vector<const Propagator*> step_propagator;  // per block, exp(M h)
  std::vector<GutInput> inputs;                    // all blocks', sorted by time
  std::vector<std::vector<GutInput>> periodic;     // per block, one day, times mod 24
  double t_fast = 0.0;                             // the pools at day 0, on the regimen
  double t_slow = 0.0;

  std::size_t steps = 0;
  std::size_t rows = 0;
  std::size_t ns = 0;  // species columns
  // The saved states: each block's PK amounts, then the two pools, once a day.
  std::size_t every = 1;
  std::vector<std::size_t> pk_offset;
  std::size_t pools_offset = 0;
  std::size_t stride = 0;
  std::size_t saved_rows = 0;
  std::size_t first = 0;  // the first row simulated; rows before it are kept from the last run
};

// Blocks in first-seen order: the steady-state regimen first, then plan doses.
void Simulator::Run::find_drugs() {
  auto note_drug = [&](const std::string& id) {
    const std::string canonical = sim.catalog_->drug(id).id;
    if (std::find(drug_ids.begin(), drug_ids.end(), canonical) == drug_ids.end()) {
      drug_ids.push_back(canonical);
    }
  };
  for (const auto& d : request.steady_state.drugs) note_drug(d.drug_id);
  const std::string* last_seen = nullptr;
  for (const auto& e : request.doses) {
    if (last_seen && *last_seen == e.drug_id) continue;  // long runs of the same drug
    note_drug(e.drug_id);
    last_seen = &e.drug_id;
  }
}

// Each drug's block with the trace columns of its species (a species shared by two drugs, such
// as nordazepam, is one column).
void Simulator::Run::open_blocks() {
  for (const auto& id : drug_ids) {
    DrugBlock& b = sim.block(id);
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
      a.inverse_volume.push_back(1.0 / b.pk.volume_l(s));
    }
    active.push_back(std::move(a));
  }
  periodic.resize(blocks.size());
}

// Request names are usually already canonical ids: match those without the catalogue.
std::size_t Simulator::Run::block_index(const std::string& id) const {
  auto it = std::find(drug_ids.begin(), drug_ids.end(), id);
  if (it == drug_ids.end()) {
    it = std::find(drug_ids.begin(), drug_ids.end(), sim.catalog_->drug(id).id);
  }
  return static_cast<std::size_t>(it - drug_ids.begin());
}

// Gut inputs of the run: plan doses, plus doses taken the evening before whose lag carries them
// past midnight; and the regimen's day of inputs, for its steady state.
void Simulator::Run::collect_gut_inputs() {
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
  inputs.reserve(inputs.size() + request.doses.size());
  const std::string* previous_id = nullptr;  // long runs of one drug: its block found once
  std::size_t dose_block = 0;
  for (const auto& e : request.doses) {
    if (!(e.dose_mg > 0) || !std::isfinite(e.dose_mg) || !std::isfinite(e.t_h) || e.t_h < 0) {
      throw ValidationError("doses", "each dose needs a positive amount at a time >= 0");
    }
    if (!previous_id || *previous_id != e.drug_id) dose_block = block_index(e.drug_id);
    previous_id = &e.drug_id;
    const PkSystem& pk = blocks[dose_block]->pk;
    inputs.push_back({e.t_h + pk.lag_h(), dose_block, pk.bioavailability() * e.dose_mg});
  }
  auto by_time = [](const GutInput& a, const GutInput& b) { return a.t_h < b.t_h; };
  // Usually in time order already (a schedule's events are): sorting thousands again moves each
  // of them log n times.
  if (!std::is_sorted(inputs.begin(), inputs.end(), by_time)) {
    std::stable_sort(inputs.begin(), inputs.end(), by_time);
  }
  for (auto& p : periodic) std::stable_sort(p.begin(), p.end(), by_time);

  step_propagator.resize(blocks.size());
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    step_propagator[bi] = &blocks[bi]->propagator(h);
  }
}

// Advances block bi's state from `t` over one step, applying its inputs in [t, t + h).
void Simulator::Run::advance_block(std::size_t bi, const std::vector<GutInput>& in,
                                   std::size_t& next, double t) {
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
}

// The receptor drive of all blocks' current states.
double Simulator::Run::drive() const {
  double u = 0.0;
  for (const auto& a : active) {
    for (std::size_t s = 1; s < a.n; ++s) u += (*a.weight)[s] * a.x[s];
  }
  return u;
}

// Steady state of the regimen taken for months: PK exactly periodic over 24 h ...
void Simulator::Run::settle_pk_on_regimen() {
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
}

// ... and adaptation periodic too: one day from T = 0 gives T(24) = a^N T(0) + c.
void Simulator::Run::settle_adaptation_on_regimen() {
  if (request.steady_state.empty()) return;
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

// The trace's rows and the saved states: each block's PK amounts, then the two pools, once a day.
void Simulator::Run::lay_out_saved_states() {
  steps = static_cast<std::size_t>(std::llround(request.duration_h / h));
  rows = steps + 1;
  ns = trace.species.size();
  every = static_cast<std::size_t>(std::max(1LL, std::llround(24.0 / h)));
  pk_offset.resize(blocks.size());
  pools_offset = 0;
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    pk_offset[bi] = pools_offset;
    pools_offset += active[bi].n;
  }
  stride = pools_offset + 2;
  saved_rows = steps / every + 1;
}

// The first row to simulate: 0, or the last saved row of the earlier run in `trace` whose doses
// before it were the same.
void Simulator::Run::choose_first_row(double same_until_h) {
  first = 0;
  const std::size_t old_rows = trace.t_h.size();
  if (same_until_h > 0 && old_rows > 0 && trace.resume_step_h == h &&
      trace.resume_drugs == drug_ids &&
      trace.resume_state.size() == ((old_rows - 1) / every + 1) * stride) {
    const double shared_rows = std::floor(same_until_h / h);
    std::size_t last = std::min(old_rows - 1, steps);
    if (shared_rows < static_cast<double>(last)) last = static_cast<std::size_t>(shared_rows);
    first = last / every * every;
  }
  trace.resume_step_h = 0.0;  // until this run has finished
  trace.resume_drugs = drug_ids;
}

// Every element from `first` on is written later, so a column that grows keeps (and copies into
// its new memory) only the `keep` elements before it, and new elements are left uninitialised
// (TraceColumn).
void Simulator::Run::size_trace() {
  auto size_for_overwrite = [](TraceColumn& v, std::size_t n, std::size_t keep) {
    if (v.capacity() < n) {
      // A trace is likely to grow (a planner's next trial stop is a step longer, its course a tail
      // longer), and growing copies it: room for a quarter more from the first run on. Capacity
      // that is never written costs no memory (the pages are not touched).
      const std::size_t room = n + n / 4;
      v.resize(std::min(keep, v.size()));
      v.reserve(room);
    }
    v.resize(n);
  };
  size_for_overwrite(trace.t_h, rows, first);
  size_for_overwrite(trace.concentration_mg_per_l, rows * ns, first * ns);
  size_for_overwrite(trace.drive_u, rows, first);
  size_for_overwrite(trace.occupancy, rows, first);
  size_for_overwrite(trace.effect, rows, first);
  size_for_overwrite(trace.adaptation, rows, first);
  size_for_overwrite(trace.withdrawal, rows, first);
  size_for_overwrite(trace.adaptation_remaining, rows, first);
  // The state saved at `first` is where this run resumes from.
  size_for_overwrite(trace.resume_state, saved_rows * stride,
                     first > 0 ? (first / every + 1) * stride : 0);
}

// Pass 1, one drug block at a time (a tight loop the compiler can keep in registers): the
// concentrations of its species and its share of the drive at every output time.
void Simulator::Run::concentrations_and_drive() {
  const double* const resumed = trace.resume_state.data() + (first / every) * stride;
  std::fill(trace.concentration_mg_per_l.begin() + static_cast<std::ptrdiff_t>(first * ns),
            trace.concentration_mg_per_l.end(), 0.0);
  std::fill(trace.drive_u.begin() + static_cast<std::ptrdiff_t>(first), trace.drive_u.end(), 0.0);
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    std::vector<GutInput> own;
    for (const auto& in : inputs) {
      if (in.block == bi) own.push_back(in);
    }
    PkState x = active[bi].x;
    if (first > 0) {
      x = PkState{};
      for (std::size_t i = 0; i < active[bi].n; ++i) x[i] = resumed[pk_offset[bi] + i];
    }
    BlockRun run{*step_propagator[bi],
                 [&, bi](double dt) -> const Propagator& { return blocks[bi]->propagator(dt); },
                 own,
                 x,
                 *active[bi].weight,
                 active[bi].species_column,
                 active[bi].inverse_volume,
                 h,
                 steps,
                 ns,
                 trace.concentration_mg_per_l.data(),
                 trace.drive_u.data(),
                 first,
                 every,
                 stride,
                 trace.resume_state.data() + pk_offset[bi]};
    run_block(active[bi].n, run);
  }
}

// Pass 2: effect, adaptation and withdrawal along the time axis.
void Simulator::Run::effect_and_adaptation() {
  // Locals, not members: the loop writes doubles through the trace's pointers, which the compiler
  // must otherwise assume could change a member double and read it again every row.
  const double h = this->h;
  const PoolStep fast = this->fast;
  const PoolStep slow = this->slow;
  const std::size_t first = this->first;
  const std::size_t rows = this->rows;
  const std::size_t every = this->every;
  const std::size_t stride = this->stride;
  const std::size_t pools_offset = this->pools_offset;
  const double t_start = t_fast + t_slow;
  trace.adaptation_at_start = t_start;
  // Constants of the hot loop, hoisted out of it.
  const double u50 = ep.u50();
  const bool hill_one = ep.hill_n == 1.0;
  const double occupancy_scale = ep.occupancy_scale();
  const double inverse_start = t_start > 0 ? 1.0 / t_start : 0.0;
  const EffectParameters& ep = this->ep;
  auto effect_of = [&](double drive_u) {
    if (hill_one) return drive_u > 0 ? drive_u / (u50 + drive_u) : 0.0;
    return effect_of_drive(ep, drive_u);
  };
  const double* const resumed = trace.resume_state.data() + (first / every) * stride;
  double t_fast_now = first > 0 ? resumed[pools_offset] : t_fast;
  double t_slow_now = first > 0 ? resumed[pools_offset + 1] : t_slow;
  double e0 = effect_of(trace.drive_u[first]);
  if (first == 0) trace.effect_at_start = e0;
  std::size_t until_saved = 0;  // `first` is a saved row
  for (std::size_t row = first; row < rows; ++row) {
    const double u = trace.drive_u[row];
    const double e1 = row == first ? e0 : effect_of(u);
    if (row > first) {
      t_fast_now = fast.next(t_fast_now, e0, e1);
      t_slow_now = slow.next(t_slow_now, e0, e1);
    }
    if (until_saved == 0) {
      double* saved = trace.resume_state.data() + (row / every) * stride + pools_offset;
      saved[0] = t_fast_now;
      saved[1] = t_slow_now;
      until_saved = every;
    }
    --until_saved;
    e0 = e1;
    const double t = t_fast_now + t_slow_now;
    const double x = occupancy_scale * u;
    trace.t_h[row] = static_cast<double>(row) * h;
    trace.occupancy[row] = x / (1.0 + x);
    trace.effect[row] = e1;
    trace.adaptation[row] = t;
    trace.withdrawal[row] = t > e1 ? t - e1 : 0.0;
    trace.adaptation_remaining[row] = t * inverse_start;
  }
}

void Simulator::run(const SimulationRequest& request, SimulationTrace& trace, double same_until_h) {
  const double h = request.output_step_h;
  if (!(h > 0) || !(request.duration_h >= 0) || !std::isfinite(request.duration_h)) {
    throw ValidationError("duration",
                          "must be a non-negative number of hours with a positive step");
  }
  trace.species.clear();
  Run run(*this, request, trace);
  run.find_drugs();
  run.open_blocks();
  run.collect_gut_inputs();
  run.settle_pk_on_regimen();
  run.settle_adaptation_on_regimen();
  run.lay_out_saved_states();
  run.choose_first_row(same_until_h);
  run.size_trace();
  run.concentrations_and_drive();
  run.effect_and_adaptation();
  trace.resume_step_h = h;
}

}  // namespace taperlab
