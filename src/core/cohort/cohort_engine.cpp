#include "core/cohort/cohort_engine.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <unsupported/Eigen/MatrixFunctions>
#include <vector>

#include "core/base/error.hpp"
#include "core/cohort/run_cohort.hpp"
#include "core/cohort/sampler.hpp"
#include "core/drugs/catalog.hpp"
#include "core/model/pk_system.hpp"
#include "core/model/potency.hpp"

namespace taperlab::cohort {
namespace cohort_engine_detail {

constexpr std::size_t kLanes = CohortEngine::kLanes;
// One value per lane. GCC's vector extension: one AVX2 register per operation with
// target("avx2"), two SSE2 ones without; the same IEEE operations in the same order either way.
// (Eight lanes, two AVX2 registers, compiled the comparisons lane by lane: 3 times slower.)
// Aligned like a double: containers and the stack need not honour a 32-byte alignment (a vector
// of 64-byte vectors did not), and unaligned AVX loads cost next to nothing on aligned data.
using vd = double __attribute__((vector_size(kLanes * sizeof(double)), aligned(sizeof(double))));

constexpr int kStepPropagator = -1;  // the step's end: exp(M h) over the whole step
constexpr int kNoAdvance = -2;       // the step's end: already there

// A dose reaching the gut (time of intake plus lag), as simulation.cpp's GutInput.
struct Input {
  double t_h;
  std::size_t block;
  double amount_mg;
};

// What happens to a block's state over one step with doses in it (run_block_fixed's event path):
// move by exp(M dt) (dt index, or none), add the dose; then to the step's end.
struct Op {
  int dt = kNoAdvance;
  double amount_mg = 0.0;
};
struct StepEvents {
  std::size_t step = 0;
  std::vector<Op> ops;
  int last = kStepPropagator;
};

// One drug: its typical PK (the catalogue's), the drive calibration of the typical person, and
// the programs of its steps with doses, for the steady state's day and for the plan.
struct BlockPlan {
  std::string id;
  std::size_t n = 0;
  double ka = 0.0;
  std::array<double, kMaxPkStates> cl{};  // per state, gut 0
  std::array<double, kMaxPkStates> v{};
  std::array<double, kMaxPkStates> fm{};
  std::array<std::size_t, kMaxPkStates> precursor{};
  std::array<double, kMaxPkStates> relative{};
  double potency_k = 0.0;  // weight[s] = relative[s] / (V[s] k) (potency.cpp)
  double bioavailability = 1.0;
  double lag_h = 0.0;
  std::vector<Input> periodic;  // one day of the steady state, times mod 24
  std::vector<Input> own;       // the plan's, in time order
  std::vector<StepEvents> periodic_steps;
  std::vector<StepEvents> plan_steps;
  std::vector<double> dts;  // distinct intervals; dts[0] = h (Simulator::DrugBlock's cache order)
};

int dt_index(std::vector<double>& dts, double dt) {
  for (std::size_t i = 0; i < dts.size(); ++i) {
    if (std::abs(dts[i] - dt) < 1e-9) return static_cast<int>(i);
  }
  dts.push_back(dt);
  return static_cast<int>(dts.size() - 1);
}

// The steps of `inputs` (sorted) within the first `steps` steps, as run_block_fixed and
// advance_block take them.
std::vector<StepEvents> step_programs(const std::vector<Input>& inputs, double h, std::size_t steps,
                                      std::vector<double>& dts) {
  std::vector<StepEvents> out;
  std::size_t next = 0;
  for (std::size_t k = 0; k < steps && next < inputs.size(); ++k) {
    const double t = static_cast<double>(k) * h;
    const double end = t + h;
    if (!(inputs[next].t_h < end - 1e-12)) continue;
    StepEvents ev;
    ev.step = k;
    double now = t;
    while (next < inputs.size() && inputs[next].t_h < end - 1e-12) {
      const double at = std::max(now, inputs[next].t_h);
      Op op;
      if (at > now + 1e-12) {
        op.dt = dt_index(dts, at - now);
        now = at;
      }
      op.amount_mg = inputs[next].amount_mg;
      ev.ops.push_back(op);
      ++next;
    }
    if (now == t) {
      ev.last = kStepPropagator;
    } else if (end - now > 1e-12) {
      ev.last = dt_index(dts, end - now);
    } else {
      ev.last = kNoAdvance;
    }
    out.push_back(std::move(ev));
  }
  return out;
}

}  // namespace cohort_engine_detail

using namespace cohort_engine_detail;

struct CohortEngine::Plan {
  ModelParameters base;
  const Population* population = nullptr;
  std::uint64_t seed = 0;
  double h = 1.0;
  std::size_t rows_per_day = 24;
  std::size_t days = 0;
  bool steady = false;  // a steady-state regimen before day 0
  bool avx2 = false;
  std::vector<BlockPlan> blocks;
};

// Per lane (person), the propagators as Simulator's PkState arithmetic takes them; per group, the
// same in lanes for the hourly loop.
struct CohortEngine::Workspace::Impl {
  std::size_t days = 0;
  // Per block: state, step propagator, the other intervals' propagators, drive weights.
  struct Block {
    std::size_t n = 0;
    std::vector<vd> x;  // n
    std::vector<vd> p;  // dts.size() x n x n, row-major (dts[0] = h)
    std::vector<vd> w;  // n
    std::size_t cursor = 0;
    std::vector<Propagator> lane_p;    // kLanes x dts.size()
    std::vector<Propagator> lane_day;  // kLanes, exp(M 24 h)
  };
  std::vector<Block> blocks;
  vd t_fast{}, t_slow{};
  vd fast_a{}, fast_c1{}, fast_c0{}, slow_a{}, slow_c1{}, slow_c0{};
  vd u50{}, u50_hill{}, inverse_start{};
  std::vector<vd> row_drive;  // rows_per_day + 1
  std::vector<vd> row_effect;
  std::vector<vd> row_withdrawal;
  // The group's daily values, lane-major: [lane * days + day].
  std::vector<double> peak, mean_e, remaining;
};

CohortEngine::Workspace::Workspace() : impl(std::make_unique<Impl>()) {}
CohortEngine::Workspace::~Workspace() = default;
CohortEngine::Workspace::Workspace(Workspace&&) noexcept = default;
CohortEngine::Workspace& CohortEngine::Workspace::operator=(Workspace&&) noexcept = default;

namespace cohort_engine_detail {

using Plan = CohortEngine::Plan;
using Impl = CohortEngine::Workspace::Impl;

// One person's setup, scalar: the person's PK matrices and propagators, drive weights, pools and
// the steady state on the regimen, following simulation.cpp step by step (same operations, same
// order) so that a person with every multiplier 1 is the Simulator's person to the bit.
struct PersonPools {
  double a, c1, c0;
};
PersonPools pool_step(double k_per_h, double weight, double h) {
  const double a = std::exp(-k_per_h * h);
  const double g = (1.0 - a) / (k_per_h * h);
  return {a, weight * (1.0 - g), weight * (g - a)};
}

double lane_effect(const Plan& plan, double u50, double u) {
  if (u <= 0.0) return 0.0;
  const double n = plan.base.effect.hill_n;
  if (n == 1.0) return u / (u50 + u);
  const double un = std::pow(u, n);
  return un / (std::pow(u50, n) + un);
}

void advance_program(const StepEvents* ev, const Propagator* p, std::size_t n, PkState& x) {
  if (ev == nullptr) {
    advance(p[0], n, x);
    return;
  }
  for (const Op& op : ev->ops) {
    if (op.dt != kNoAdvance) advance(p[op.dt], n, x);
    x[0] += op.amount_mg;
  }
  if (ev->last == kStepPropagator) {
    advance(p[0], n, x);
  } else if (ev->last != kNoAdvance) {
    advance(p[ev->last], n, x);
  }
}

void set_up_lane(const Plan& plan, Impl& ws, std::size_t lane, const Multipliers& m) {
  const double m_cl = m[static_cast<std::size_t>(PersonParameter::kClearance)];
  const double m_v = m[static_cast<std::size_t>(PersonParameter::kVolume)];
  const double m_ka = m[static_cast<std::size_t>(PersonParameter::kAbsorption)];
  const double h = plan.h;
  const auto steps_per_day = static_cast<std::size_t>(std::llround(24.0 / h));
  std::vector<PkState> settled(plan.blocks.size());
  for (std::size_t bi = 0; bi < plan.blocks.size(); ++bi) {
    const BlockPlan& b = plan.blocks[bi];
    Impl::Block& wb = ws.blocks[bi];
    const std::size_t n = b.n;
    // PkSystem's rate matrix with the person's values.
    std::array<double, kMaxPkStates> cl{};
    std::array<double, kMaxPkStates> v{};
    for (std::size_t s = 1; s < n; ++s) {
      cl[s] = b.cl[s] * m_cl;
      v[s] = b.v[s] * m_v;
    }
    const auto en = static_cast<Eigen::Index>(n);
    Eigen::MatrixXd rates = Eigen::MatrixXd::Zero(en, en);
    const double ka = b.ka * m_ka;
    rates(0, 0) = -ka;
    rates(1, 0) = ka;
    for (std::size_t s = 1; s < n; ++s) {
      const auto es = static_cast<Eigen::Index>(s);
      const double ke = cl[s] / v[s];
      rates(es, es) -= ke;
      if (s >= 2) {
        const std::size_t pr = b.precursor[s];
        rates(es, static_cast<Eigen::Index>(pr)) += b.fm[s] * cl[pr] / v[pr];
      }
    }
    auto propagator = [&](double dt) {
      const Eigen::MatrixXd e = (rates * dt).exp();
      Propagator out;
      out.dt_h = dt;
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
          out.m[i * kMaxPkStates + j] =
              e(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
        }
      }
      return out;
    };
    Propagator* lp = wb.lane_p.data() + lane * b.dts.size();
    for (std::size_t d = 0; d < b.dts.size(); ++d) {
      lp[d] = propagator(b.dts[d]);
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j <= i; ++j) {
          wb.p[(d * n + i) * n + j][lane] = lp[d].m[i * kMaxPkStates + j];
        }
      }
    }
    for (std::size_t s = 1; s < n; ++s) wb.w[s][lane] = b.relative[s] / (v[s] * b.potency_k);
    wb.w[0][lane] = 0.0;
    // The regimen's periodic steady state (settle_pk_on_regimen).
    PkState x{};
    if (!b.periodic.empty()) {
      std::size_t next = 0;
      for (std::size_t k = 0; k < steps_per_day; ++k) {
        const StepEvents* ev = nullptr;
        if (next < b.periodic_steps.size() && b.periodic_steps[next].step == k) {
          ev = &b.periodic_steps[next++];
        }
        advance_program(ev, lp, n, x);
      }
      wb.lane_day[lane] = propagator(24.0);
      x = periodic_steady_state(wb.lane_day[lane], n, x);
    }
    settled[bi] = x;
    for (std::size_t i = 0; i < n; ++i) wb.x[i][lane] = x[i];
  }
  // The pools.
  const AdaptationParameters& ap = plan.base.adaptation;
  const PersonPools fast = pool_step(
      ap.k_fast_per_h() * m[static_cast<std::size_t>(PersonParameter::kFastRate)], ap.w_fast(), h);
  const PersonPools slow = pool_step(
      ap.k_slow_per_h() * m[static_cast<std::size_t>(PersonParameter::kSlowRate)], ap.w_slow, h);
  const double u50 =
      plan.base.effect.u50() / m[static_cast<std::size_t>(PersonParameter::kPotency)];
  ws.fast_a[lane] = fast.a;
  ws.fast_c1[lane] = fast.c1;
  ws.fast_c0[lane] = fast.c0;
  ws.slow_a[lane] = slow.a;
  ws.slow_c1[lane] = slow.c1;
  ws.slow_c0[lane] = slow.c0;
  ws.u50[lane] = u50;
  // Adaptation periodic on the regimen (settle_adaptation_on_regimen).
  double t_fast = 0.0;
  double t_slow = 0.0;
  if (plan.steady) {
    std::vector<PkState> x = settled;
    std::vector<std::size_t> next(plan.blocks.size(), 0);
    auto drive = [&] {
      double u = 0.0;
      for (std::size_t bi = 0; bi < plan.blocks.size(); ++bi) {
        for (std::size_t s = 1; s < plan.blocks[bi].n; ++s) {
          u += ws.blocks[bi].w[s][lane] * x[bi][s];
        }
      }
      return u;
    };
    double e0 = lane_effect(plan, u50, drive());
    double cf = 0.0;
    double cs = 0.0;
    for (std::size_t k = 0; k < steps_per_day; ++k) {
      for (std::size_t bi = 0; bi < plan.blocks.size(); ++bi) {
        const BlockPlan& b = plan.blocks[bi];
        const StepEvents* ev = nullptr;
        if (next[bi] < b.periodic_steps.size() && b.periodic_steps[next[bi]].step == k) {
          ev = &b.periodic_steps[next[bi]++];
        }
        advance_program(ev, ws.blocks[bi].lane_p.data() + lane * b.dts.size(), b.n, x[bi]);
      }
      const double e1 = lane_effect(plan, u50, drive());
      cf = fast.a * cf + fast.c1 * e1 + fast.c0 * e0;
      cs = slow.a * cs + slow.c1 * e1 + slow.c0 * e0;
      e0 = e1;
    }
    const double nd = static_cast<double>(steps_per_day);
    t_fast = cf / (1.0 - std::pow(fast.a, nd));
    t_slow = cs / (1.0 - std::pow(slow.a, nd));
  }
  ws.t_fast[lane] = t_fast;
  ws.t_slow[lane] = t_slow;
  const double t_start = t_fast + t_slow;
  ws.inverse_start[lane] = t_start > 0 ? 1.0 / t_start : 0.0;
}

// ---- The hourly loop, one group of kLanes people. Written once, compiled twice (portable and
// AVX2); always_inline puts the whole of it into each target's function.

template <std::size_t N>
[[gnu::always_inline]] inline void advance_lanes(const vd* p, vd* x) {
  for (std::size_t i = N; i-- > 0;) {
    vd sum = vd{} + 0.0;
    for (std::size_t j = 0; j <= i; ++j) sum += p[i * N + j] * x[j];
    x[i] = sum;
  }
}

// One block over one day's steps [first_step, first_step + rows): the drive at each step's end
// is added to drive[1..rows].
template <std::size_t N>
[[gnu::always_inline]] inline void pk_day(const BlockPlan& b, Impl::Block& wb,
                                          std::size_t first_step, std::size_t rows, vd* drive) {
  vd x[N];
  vd p[N * N];
  vd w[N];
  for (std::size_t i = 0; i < N; ++i) {
    x[i] = wb.x[i];
    w[i] = wb.w[i];
    for (std::size_t j = 0; j < N; ++j) p[i * N + j] = j <= i ? wb.p[i * N + j] : vd{};
  }
  const std::size_t n_events = b.plan_steps.size();
  for (std::size_t r = 1; r <= rows; ++r) {
    const std::size_t k = first_step + r - 1;
    if (wb.cursor < n_events && b.plan_steps[wb.cursor].step == k) {
      const StepEvents& ev = b.plan_steps[wb.cursor++];
      for (const Op& op : ev.ops) {
        if (op.dt != kNoAdvance) {
          advance_lanes<N>(wb.p.data() + static_cast<std::size_t>(op.dt) * N * N, x);
        }
        x[0] += op.amount_mg;
      }
      if (ev.last == kStepPropagator) {
        advance_lanes<N>(p, x);
      } else if (ev.last != kNoAdvance) {
        advance_lanes<N>(wb.p.data() + static_cast<std::size_t>(ev.last) * N * N, x);
      }
    } else {
      advance_lanes<N>(p, x);
    }
    vd u = vd{} + 0.0;
    for (std::size_t s = 1; s < N; ++s) u += w[s] * x[s];
    drive[r] += u;
  }
  for (std::size_t i = 0; i < N; ++i) wb.x[i] = x[i];
}

// References, not values: a 64-byte vector passed by value changes the ABI between targets.
template <bool kHillOne>
[[gnu::always_inline]] inline void effect_lanes(const Plan& plan, const vd& u50, const vd& u,
                                                vd& e) {
  const vd zero = vd{};
  if constexpr (kHillOne) {
    e = u > zero ? u / (u50 + u) : zero;
  } else {
    for (std::size_t l = 0; l < kLanes; ++l) e[l] = lane_effect(plan, u50[l], u[l]);
  }
}

template <bool kHillOne>
[[gnu::always_inline]] inline void run_group_impl(const Plan& plan, Impl& ws) {
  const std::size_t rows = plan.rows_per_day;
  const std::size_t days = plan.days;
  const double inv = 1.0 / static_cast<double>(rows);
  const vd zero = vd{};
  vd* drive = ws.row_drive.data();
  vd* effect = ws.row_effect.data();
  vd* withdrawal = ws.row_withdrawal.data();
  for (auto& b : ws.blocks) b.cursor = 0;
  // Row 0: the drive of the state on the regimen.
  drive[0] = zero;
  for (std::size_t bi = 0; bi < plan.blocks.size(); ++bi) {
    vd u = zero;
    for (std::size_t s = 1; s < ws.blocks[bi].n; ++s) u += ws.blocks[bi].w[s] * ws.blocks[bi].x[s];
    drive[0] += u;
  }
  const vd u50 = ws.u50;
  const vd fa = ws.fast_a, fc1 = ws.fast_c1, fc0 = ws.fast_c0;
  const vd sa = ws.slow_a, sc1 = ws.slow_c1, sc0 = ws.slow_c0;
  const vd inverse_start = ws.inverse_start;
  vd t_fast = ws.t_fast;
  vd t_slow = ws.t_slow;
  vd e0;
  effect_lanes<kHillOne>(plan, u50, drive[0], e0);
  effect[0] = e0;
  {
    const vd t = t_fast + t_slow;
    withdrawal[0] = t > e0 ? t - e0 : zero;
  }
  vd remaining = (t_fast + t_slow) * inverse_start;
  for (std::size_t d = 0; d < days; ++d) {
    for (std::size_t r = 1; r <= rows; ++r) drive[r] = zero;
    for (std::size_t bi = 0; bi < plan.blocks.size(); ++bi) {
      const BlockPlan& b = plan.blocks[bi];
      Impl::Block& wb = ws.blocks[bi];
      switch (b.n) {
        case 2:
          pk_day<2>(b, wb, d * rows, rows, drive);
          break;
        case 3:
          pk_day<3>(b, wb, d * rows, rows, drive);
          break;
        case 4:
          pk_day<4>(b, wb, d * rows, rows, drive);
          break;
        case 5:
          pk_day<5>(b, wb, d * rows, rows, drive);
          break;
        case 6:
          pk_day<6>(b, wb, d * rows, rows, drive);
          break;
        default:
          pk_day<7>(b, wb, d * rows, rows, drive);
          break;
      }
    }
    vd peak = withdrawal[0];
    vd row_t = zero;
    for (std::size_t r = 1; r <= rows; ++r) {
      vd e1;
      effect_lanes<kHillOne>(plan, u50, drive[r], e1);
      t_fast = fa * t_fast + fc1 * e1 + fc0 * e0;
      t_slow = sa * t_slow + sc1 * e1 + sc0 * e0;
      e0 = e1;
      const vd t = t_fast + t_slow;
      const vd w = t > e1 ? t - e1 : zero;
      effect[r] = e1;
      withdrawal[r] = w;
      if (r < rows) peak = peak < w ? w : peak;
      row_t = t;
    }
    const vd last_w = withdrawal[rows];
    peak = peak < last_w ? last_w : peak;
    vd mean = 0.5 * (effect[0] + effect[rows]);
    for (std::size_t r = 1; r < rows; ++r) mean += effect[r];
    mean *= inv;
    for (std::size_t l = 0; l < kLanes; ++l) {
      ws.peak[l * days + d] = peak[l];
      ws.mean_e[l * days + d] = mean[l];
      ws.remaining[l * days + d] = remaining[l];
    }
    remaining = row_t * inverse_start;
    effect[0] = effect[rows];
    withdrawal[0] = withdrawal[rows];
  }
}

void run_group_portable(const Plan& plan, Impl& ws) {
  if (plan.base.effect.hill_n == 1.0) {
    run_group_impl<true>(plan, ws);
  } else {
    run_group_impl<false>(plan, ws);
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
[[gnu::target("avx2")]] void run_group_avx2(const Plan& plan, Impl& ws) {
  if (plan.base.effect.hill_n == 1.0) {
    run_group_impl<true>(plan, ws);
  } else {
    run_group_impl<false>(plan, ws);
  }
}
#endif

}  // namespace cohort_engine_detail

bool CohortEngine::uses_avx2() noexcept {
#if defined(__x86_64__) && defined(__GNUC__)
  return __builtin_cpu_supports("avx2") != 0;
#else
  return false;
#endif
}

CohortEngine::CohortEngine(const Catalog& catalog, const EquivalenceTable& table,
                           const ModelParameters& base, const SimulationRequest& request,
                           const Population& population, std::uint64_t seed)
    : plan_(std::make_unique<Plan>()) {
  validate(base);
  Plan& plan = *plan_;
  plan.base = base;
  plan.population = &population;
  plan.seed = seed;
  plan.h = request.output_step_h;
  plan.days = cohort_days(request);  // checks the step divides 24 h
  plan.rows_per_day = static_cast<std::size_t>(std::llround(24.0 / plan.h));
  if (plan.rows_per_day > 24) {
    throw ValidationError("output_step_h", "a cohort runs on a grid of at most 24 steps a day");
  }
  plan.steady = !request.steady_state.empty();
  plan.avx2 = uses_avx2();
  // The drugs in first-seen order (Simulator::Run::find_drugs).
  std::vector<std::string> ids;
  auto note_drug = [&](const std::string& name) {
    const std::string canonical = catalog.drug(name).id;
    if (std::find(ids.begin(), ids.end(), canonical) == ids.end()) ids.push_back(canonical);
  };
  for (const auto& d : request.steady_state.drugs) note_drug(d.drug_id);
  const std::string* last_seen = nullptr;
  for (const auto& e : request.doses) {
    if (last_seen && *last_seen == e.drug_id) continue;
    note_drug(e.drug_id);
    last_seen = &e.drug_id;
  }
  for (const auto& id : ids) {
    const Drug& drug = catalog.drug(id);
    const PkSystem pk(drug);
    BlockPlan b;
    b.id = drug.id;
    b.n = pk.size();
    b.ka = drug.pk.ka_per_h.value;
    b.bioavailability = pk.bioavailability();
    b.lag_h = pk.lag_h();
    std::vector<std::string> species{drug.id};
    b.cl[1] = drug.pk.cl_l_per_h.value;
    b.v[1] = drug.pk.v_l.value;
    b.fm[1] = 1.0;
    b.relative[1] = drug.pk.relative_potency.value;
    for (std::size_t m = 0; m < drug.pk.metabolites.size(); ++m) {
      const Metabolite& met = drug.pk.metabolites[m];
      std::size_t from = 1;
      for (std::size_t s = 0; s < species.size(); ++s) {
        if (species[s] == met.formed_from) from = s + 1;
      }
      species.push_back(met.species);
      b.cl[m + 2] = met.cl_l_per_h.value;
      b.v[m + 2] = met.v_l.value;
      b.fm[m + 2] = met.fm.value;
      b.precursor[m + 2] = from;
      b.relative[m + 2] = met.relative_potency.value;
    }
    // potency.cpp's k, from the typical person's steady state.
    const std::vector<double> css = pk.average_steady_state_mg_per_l(table.at(drug.id).dose_mg);
    double k = 0.0;
    for (std::size_t s = 1; s < pk.size(); ++s) k += b.relative[s] * css[s];
    b.potency_k = k;
    plan.blocks.push_back(std::move(b));
  }
  auto block_of = [&](const std::string& name) {
    auto it = std::find(ids.begin(), ids.end(), name);
    if (it == ids.end()) it = std::find(ids.begin(), ids.end(), catalog.drug(name).id);
    return static_cast<std::size_t>(it - ids.begin());
  };
  // Gut inputs (Simulator::Run::collect_gut_inputs).
  std::vector<Input> inputs;
  for (const auto& d : request.steady_state.drugs) {
    const std::size_t bi = block_of(d.drug_id);
    BlockPlan& b = plan.blocks[bi];
    for (const auto& dose : d.doses) {
      const double enter = dose.time.hours() + b.lag_h;
      b.periodic.push_back({std::fmod(enter, 24.0), bi, b.bioavailability * dose.dose_mg});
      for (double carry = enter - 24.0; carry >= 0.0; carry -= 24.0) {
        inputs.push_back({carry, bi, b.bioavailability * dose.dose_mg});
      }
    }
  }
  const std::string* previous_id = nullptr;
  std::size_t dose_block = 0;
  for (const auto& e : request.doses) {
    if (!(e.dose_mg > 0) || !std::isfinite(e.dose_mg) || !std::isfinite(e.t_h) || e.t_h < 0) {
      throw ValidationError("doses", "each dose needs a positive amount at a time >= 0");
    }
    if (!previous_id || *previous_id != e.drug_id) dose_block = block_of(e.drug_id);
    previous_id = &e.drug_id;
    const BlockPlan& b = plan.blocks[dose_block];
    inputs.push_back({e.t_h + b.lag_h, dose_block, b.bioavailability * e.dose_mg});
  }
  auto by_time = [](const Input& a, const Input& b) { return a.t_h < b.t_h; };
  if (!std::is_sorted(inputs.begin(), inputs.end(), by_time)) {
    std::stable_sort(inputs.begin(), inputs.end(), by_time);
  }
  const std::size_t steps = plan.days * plan.rows_per_day;
  const auto steps_per_day = static_cast<std::size_t>(std::llround(24.0 / plan.h));
  for (std::size_t bi = 0; bi < plan.blocks.size(); ++bi) {
    BlockPlan& b = plan.blocks[bi];
    std::stable_sort(b.periodic.begin(), b.periodic.end(), by_time);
    for (const auto& in : inputs) {
      if (in.block == bi) b.own.push_back(in);
    }
    // The intervals in the order the Simulator's propagator cache meets them: the step, the
    // steady state's day, then the plan.
    b.dts.push_back(plan.h);
    if (!b.periodic.empty())
      b.periodic_steps = step_programs(b.periodic, plan.h, steps_per_day, b.dts);
    b.plan_steps = step_programs(b.own, plan.h, steps, b.dts);
  }
}

CohortEngine::~CohortEngine() = default;
CohortEngine::CohortEngine(CohortEngine&&) noexcept = default;
CohortEngine& CohortEngine::operator=(CohortEngine&&) noexcept = default;

std::size_t CohortEngine::days() const noexcept { return plan_->days; }

void CohortEngine::allow_avx2(bool allow) noexcept { plan_->avx2 = allow && uses_avx2(); }

CohortEngine::Workspace CohortEngine::workspace() const {
  const Plan& plan = *plan_;
  Workspace out;
  Impl& ws = *out.impl;
  ws.days = plan.days;
  for (const auto& b : plan.blocks) {
    Impl::Block wb;
    wb.n = b.n;
    wb.x.assign(b.n, vd{});
    wb.w.assign(b.n, vd{});
    wb.p.assign(b.dts.size() * b.n * b.n, vd{});
    wb.lane_p.resize(kLanes * b.dts.size());
    wb.lane_day.resize(kLanes);
    ws.blocks.push_back(std::move(wb));
  }
  ws.row_drive.assign(plan.rows_per_day + 1, vd{});
  ws.row_effect.assign(plan.rows_per_day + 1, vd{});
  ws.row_withdrawal.assign(plan.rows_per_day + 1, vd{});
  ws.peak.assign(kLanes * plan.days, 0.0);
  ws.mean_e.assign(kLanes * plan.days, 0.0);
  ws.remaining.assign(kLanes * plan.days, 0.0);
  return out;
}

void CohortEngine::run(std::uint64_t first, std::uint64_t count, Workspace& workspace,
                       CohortSink& sink) const {
  const Plan& plan = *plan_;
  Impl& ws = *workspace.impl;
  const std::size_t days = plan.days;
  for (std::uint64_t group = first; group < first + count; group += kLanes) {
    const std::uint64_t in_group = std::min<std::uint64_t>(kLanes, first + count - group);
    for (std::size_t lane = 0; lane < kLanes; ++lane) {
      // Lanes past the end repeat the last person (computed, not handed on).
      const std::uint64_t k = group + std::min<std::uint64_t>(lane, in_group - 1);
      set_up_lane(plan, ws, lane, sample_person(*plan.population, plan.seed, k));
    }
#if defined(__x86_64__) && defined(__GNUC__)
    if (plan.avx2) {
      run_group_avx2(plan, ws);
    } else {
      run_group_portable(plan, ws);
    }
#else
    run_group_portable(plan, ws);
#endif
    for (std::size_t lane = 0; lane < in_group; ++lane) {
      const std::size_t at = lane * days;
      sink.add(PersonCourse{group + lane,
                            {ws.peak.data() + at, days},
                            {ws.mean_e.data() + at, days},
                            {ws.remaining.data() + at, days}});
    }
  }
}

}  // namespace taperlab::cohort
