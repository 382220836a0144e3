#pragma once

// A cohort's summary under one plan, built person by person as the engine hands each one over
// (CohortSink) and merged exactly across threads and shards: everything in it is an integer count,
// so that 1 or 2 threads, or 4 shards merged, give the same summary to the last count
// (docs/cli.md, "taperlab cohort"). Memory grows with the days and the spread of the values, not
// with the people.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/cohort/person_course.hpp"
#include "core/cohort/quantile_sketch.hpp"

namespace taperlab::cohort {

// The daily series whose percentile bands a summary keeps.
enum class Series { kWithdrawal, kRemaining, kEffect };
inline constexpr std::array kAllSeries{Series::kWithdrawal, Series::kRemaining, Series::kEffect};
// "W" (the day's peak withdrawal pressure), "R" (adaptation remaining at the day's start), "E" (the
// day's mean effect): the names the CSV, JSON and shard files use.
const char* series_name(Series series);

// The percentiles every band and table shows.
inline constexpr std::array<double, 5> kBandPercentiles{0.05, 0.25, 0.50, 0.75, 0.95};

// "Adaptation remaining has fallen below 10%": R < kRemainingBelow.
inline constexpr double kRemainingBelow = 0.10;

// The threshold `taperlab cohort` takes when none is given: W 0.025, the withdrawal pressure at
// which a typical person's symptom share would rise 0.10 above their calmest level (0.10 / s1,
// with s1 = 4 per unit of W, the personal model's prior centre: docs/model.md section 4; a rise
// of 0.10 is the one `personal_ceiling` uses). Assumed: no study gives a threshold of W itself.
inline constexpr double kDefaultThresholdW = 0.025;

class CohortSummary final : public CohortSink {
 public:
  // `days`: the length of every person's course; `threshold_w`: a person is above the threshold
  // on a day when that day's peak W exceeds it (strictly).
  CohortSummary(int days, double threshold_w);

  // Throws std::invalid_argument when the person's course does not have `days` days.
  void add(const PersonCourse& person) override;
  // Adds `other`'s counts: exact and independent of order. Throws std::invalid_argument when
  // the days or the threshold differ.
  void merge(const CohortSummary& other);

  [[nodiscard]] int days() const noexcept { return days_; }
  [[nodiscard]] double threshold_w() const noexcept { return threshold_w_; }
  [[nodiscard]] std::uint64_t people() const noexcept { return people_; }
  // People with at least one day above the threshold.
  [[nodiscard]] std::uint64_t people_above() const noexcept;
  // [d]: people with d days above the threshold (d = 0..days).
  [[nodiscard]] std::span<const std::uint64_t> days_above() const noexcept { return days_above_; }
  // The highest daily W of each person over the whole course.
  [[nodiscard]] const QuantileSketch& peak_withdrawal() const noexcept { return peak_w_; }
  // [d]: people whose highest W came first on day d; people whose W never rose above 0 are not
  // counted (people() - their sum).
  [[nodiscard]] std::span<const std::uint64_t> peak_day() const noexcept { return peak_day_; }
  // [d]: people whose R first fell below kRemainingBelow on day d (d = 0..days-1); [days]: not
  // within the simulated days.
  [[nodiscard]] std::span<const std::uint64_t> remaining_below_day() const noexcept {
    return remaining_below_;
  }
  // The day's sketch of one series, day = 0..days-1.
  [[nodiscard]] const QuantileSketch& band(Series series, int day) const;

  // Rebuilds a stored summary (the shard files); throws std::invalid_argument when the parts do
  // not fit `days` or disagree on the number of people.
  struct Parts {
    std::uint64_t people = 0;
    std::vector<std::uint64_t> days_above;             // days + 1 entries
    QuantileSketch peak_withdrawal;                    // people values
    std::vector<std::uint64_t> peak_day;               // days entries
    std::vector<std::uint64_t> remaining_below;        // days + 1 entries
    std::array<std::vector<QuantileSketch>, 3> bands;  // by Series, days entries each
  };
  static CohortSummary from_parts(int days, double threshold_w, Parts parts);

  friend bool operator==(const CohortSummary& a, const CohortSummary& b) noexcept;

 private:
  int days_;
  double threshold_w_;
  std::uint64_t people_ = 0;
  std::vector<std::uint64_t> days_above_;
  QuantileSketch peak_w_;
  std::vector<std::uint64_t> peak_day_;
  std::vector<std::uint64_t> remaining_below_;
  std::array<std::vector<QuantileSketch>, 3> bands_;
};

// The day of rank floor(q (n - 1)) among people whose R fell below 10% (people beyond the horizon
// ranked last): nullopt when that rank lies beyond the simulated days, or nobody was counted.
std::optional<int> remaining_below_quantile(const CohortSummary& summary, double q);

}  // namespace taperlab::cohort
