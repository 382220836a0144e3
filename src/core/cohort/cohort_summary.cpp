#include "core/cohort/cohort_summary.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace taperlab::cohort {
namespace {

std::size_t series_slot(Series series) { return static_cast<std::size_t>(series); }

void add_counts(std::vector<std::uint64_t>& into, std::span<const std::uint64_t> from) {
  for (std::size_t i = 0; i < into.size(); ++i) into[i] += from[i];
}

std::uint64_t total_of(std::span<const std::uint64_t> counts) {
  std::uint64_t n = 0;
  for (auto c : counts) n += c;
  return n;
}

}  // namespace

const char* series_name(Series series) {
  switch (series) {
    case Series::kWithdrawal:
      return "W";
    case Series::kRemaining:
      return "R";
    case Series::kEffect:
      return "E";
  }
  return "?";
}

CohortSummary::CohortSummary(int days, double threshold_w)
    : days_(days), threshold_w_(threshold_w) {
  if (days < 1) throw std::invalid_argument("a cohort summary needs at least one day");
  if (!(threshold_w >= 0) || !std::isfinite(threshold_w)) {
    throw std::invalid_argument("a cohort summary's threshold must be a number of 0 or more");
  }
  const auto n = static_cast<std::size_t>(days);
  days_above_.assign(n + 1, 0);
  peak_day_.assign(n, 0);
  remaining_below_.assign(n + 1, 0);
  for (auto& b : bands_) b.resize(n);
}

void CohortSummary::add(const PersonCourse& person) {
  const auto n = static_cast<std::size_t>(days_);
  if (person.withdrawal_peak.size() != n || person.remaining.size() != n ||
      person.effect_mean.size() != n) {
    throw std::invalid_argument("person " + std::to_string(person.person_index) + "'s course has " +
                                std::to_string(person.withdrawal_peak.size()) + " days, not " +
                                std::to_string(days_));
  }
  std::size_t above = 0;
  double peak = 0.0;
  std::size_t peak_day = 0;
  std::size_t below = n;  // not within the horizon
  auto& w_band = bands_[series_slot(Series::kWithdrawal)];
  auto& r_band = bands_[series_slot(Series::kRemaining)];
  auto& e_band = bands_[series_slot(Series::kEffect)];
  for (std::size_t d = 0; d < n; ++d) {
    const double w = person.withdrawal_peak[d];
    const double r = person.remaining[d];
    w_band[d].add(w);
    r_band[d].add(r);
    e_band[d].add(person.effect_mean[d]);
    if (w > threshold_w_) ++above;
    if (w > peak) {
      peak = w;
      peak_day = d;
    }
    if (below == n && r < kRemainingBelow) below = d;
  }
  ++people_;
  ++days_above_[above];
  peak_w_.add(peak);
  if (peak > 0) ++peak_day_[peak_day];
  ++remaining_below_[below];
}

void CohortSummary::merge(const CohortSummary& other) {
  if (other.days_ != days_ || other.threshold_w_ != threshold_w_) {
    throw std::invalid_argument("cohort summaries of different days or thresholds");
  }
  people_ += other.people_;
  add_counts(days_above_, other.days_above_);
  peak_w_.merge(other.peak_w_);
  add_counts(peak_day_, other.peak_day_);
  add_counts(remaining_below_, other.remaining_below_);
  for (std::size_t s = 0; s < bands_.size(); ++s) {
    for (std::size_t d = 0; d < bands_[s].size(); ++d) bands_[s][d].merge(other.bands_[s][d]);
  }
}

std::uint64_t CohortSummary::people_above() const noexcept { return people_ - days_above_.front(); }

const QuantileSketch& CohortSummary::band(Series series, int day) const {
  return bands_.at(series_slot(series)).at(static_cast<std::size_t>(day));
}

CohortSummary CohortSummary::from_parts(int days, double threshold_w, Parts parts) {
  CohortSummary s(days, threshold_w);
  const auto n = static_cast<std::size_t>(days);
  if (parts.days_above.size() != n + 1 || parts.peak_day.size() != n ||
      parts.remaining_below.size() != n + 1) {
    throw std::invalid_argument("a histogram's length does not fit the days");
  }
  for (const auto& b : parts.bands) {
    if (b.size() != n) throw std::invalid_argument("a band's length does not fit the days");
  }
  if (total_of(parts.days_above) != parts.people || parts.peak_withdrawal.count() != parts.people ||
      total_of(parts.peak_day) > parts.people || total_of(parts.remaining_below) != parts.people) {
    throw std::invalid_argument("the counts do not add up to the people");
  }
  for (const auto& b : parts.bands) {
    for (const auto& day : b) {
      if (day.count() != parts.people) {
        throw std::invalid_argument("a day's band does not count every person");
      }
    }
  }
  s.people_ = parts.people;
  s.days_above_ = std::move(parts.days_above);
  s.peak_w_ = std::move(parts.peak_withdrawal);
  s.peak_day_ = std::move(parts.peak_day);
  s.remaining_below_ = std::move(parts.remaining_below);
  s.bands_ = std::move(parts.bands);
  return s;
}

bool operator==(const CohortSummary& a, const CohortSummary& b) noexcept {
  return a.days_ == b.days_ && a.threshold_w_ == b.threshold_w_ && a.people_ == b.people_ &&
         a.days_above_ == b.days_above_ && a.peak_w_ == b.peak_w_ && a.peak_day_ == b.peak_day_ &&
         a.remaining_below_ == b.remaining_below_ && a.bands_ == b.bands_;
}

std::optional<int> remaining_below_quantile(const CohortSummary& summary, double q) {
  const int v = histogram_quantile(summary.remaining_below_day(), q);
  if (v < 0 || v >= summary.days()) return std::nullopt;
  return v;
}

}  // namespace taperlab::cohort
