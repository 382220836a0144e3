#include "core/cohort/run_cohort.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/base/error.hpp"
#include "core/cohort/cohort_engine.hpp"
#include "core/cohort/sampler.hpp"
#include "core/cohort/simulator_cohort.hpp"
#include "core/drugs/catalog.hpp"

namespace taperlab::cohort {
namespace run_cohort_detail {

std::size_t rows_per_day(const SimulationRequest& plan) {
  const double h = plan.output_step_h;
  const double per_day = 24.0 / h;
  const auto rows = static_cast<std::size_t>(std::max(0LL, std::llround(per_day)));
  if (!(h > 0) || rows == 0 || std::abs(per_day - static_cast<double>(rows)) > 1e-9) {
    throw ValidationError("output_step_h", "must divide 24 hours for a cohort's daily values");
  }
  return rows;
}

void check(const CohortRequest& request, std::size_t sinks) {
  if (sinks == 0) throw ValidationError("threads", "must be at least 1");
  if (sinks > 4096) throw ValidationError("threads", "must be at most 4096");
  if (request.first > request.n || request.count > request.n - request.first) {
    throw ValidationError("shard", "the people [first, first + count) must lie within [0, n)");
  }
  if (!(request.plan.duration_h >= 24.0) || !std::isfinite(request.plan.duration_h)) {
    throw ValidationError("duration", "a cohort needs at least one whole day");
  }
  rows_per_day(request.plan);
}

}  // namespace run_cohort_detail

std::size_t cohort_days(const SimulationRequest& plan) {
  const std::size_t per_day = run_cohort_detail::rows_per_day(plan);
  const auto steps =
      static_cast<std::size_t>(std::max(0LL, std::llround(plan.duration_h / plan.output_step_h)));
  return steps / per_day;
}

void run_cohort_with_simulator(const Catalog& catalog, const EquivalenceTable& table,
                               const ModelParameters& base, const CohortRequest& request,
                               CohortSink& sink) {
  run_cohort_detail::check(request, 1);
  SimulatorCohort reference(catalog, table, base, request.plan, request.population, request.seed);
  reference.run(request.first, request.count, sink);
}

void run_cohort(const Catalog& catalog, const EquivalenceTable& table, const ModelParameters& base,
                const CohortRequest& request, std::span<CohortSink* const> sinks) {
  run_cohort_detail::check(request, sinks.size());
  const CohortEngine engine(catalog, table, base, request.plan, request.population, request.seed);
  // Fixed batches dealt round-robin: thread i runs batches i, i + T, i + 2T, ... so which sink
  // sees which person depends only on the thread count, never on timing.
  const std::uint64_t batch = CohortEngine::kBatch;
  const std::uint64_t batches = (request.count + batch - 1) / batch;
  const std::size_t threads = sinks.size();
  std::mutex failure_lock;
  std::exception_ptr failure;
  std::atomic<bool> stop{false};  // set on the first failure: the other threads stop early
  auto work = [&](std::size_t thread) {
    try {
      CohortEngine::Workspace workspace = engine.workspace();
      for (std::uint64_t b = thread; b < batches && !stop.load(std::memory_order_relaxed);
           b += threads) {
        const std::uint64_t first = request.first + b * batch;
        const std::uint64_t count = std::min(batch, request.first + request.count - first);
        engine.run(first, count, workspace, *sinks[thread]);
      }
    } catch (...) {
      const std::lock_guard lock(failure_lock);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
  };
  {
    std::vector<std::jthread> others;
    others.reserve(threads - 1);
    for (std::size_t i = 1; i < threads; ++i) others.emplace_back(work, i);
    work(0);
  }  // joined here
  if (failure) std::rethrow_exception(failure);
}

}  // namespace taperlab::cohort
