#pragma once

#include <cstdint>
#include <span>

namespace taperlab::cohort {

// One virtual person's run, reduced to one value per day so that a cohort's memory is bounded by
// its days, not its people (docs/model.md section 5). Day d covers hours [24 d, 24 d + 24] of the
// hourly grid. The spans are only valid during CohortSink::add: the engine reuses their memory.
struct PersonCourse {
  std::uint64_t person_index = 0;  // 0..n-1 over the whole study, whatever the shard or thread
  // The day's highest hourly withdrawal pressure W = max(0, T - E): a person is "above the
  // threshold" on a day when W passed it at any hour of that day.
  std::span<const double> withdrawal_peak;
  std::span<const double> effect_mean;  // the day's mean of the hourly effect E
  std::span<const double> remaining;    // adaptation remaining R at the day's first hour
};

// Receives each person of a cohort run once. The engine gives each thread its own sink, so a sink
// needs no locking; summaries are merged afterwards.
class CohortSink {
 public:
  virtual ~CohortSink() = default;
  virtual void add(const PersonCourse& person) = 0;
};

}  // namespace taperlab::cohort
