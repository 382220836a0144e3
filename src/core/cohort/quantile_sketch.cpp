#include "core/cohort/quantile_sketch.hpp"

#include <algorithm>
#include <limits>

namespace taperlab::cohort {
namespace {

// Room set aside on the side a sketch grows, so that a day's values spreading slowly do not
// reallocate at every new bucket.
constexpr std::int32_t kSketchGrowthRoom = 32;

std::uint64_t sketch_rank(double q, std::uint64_t n) {
  const double r = std::floor(std::clamp(q, 0.0, 1.0) * static_cast<double>(n - 1));
  return std::min(static_cast<std::uint64_t>(r), n - 1);
}

// Buckets of finite values at or above kZeroBelow.
std::int32_t sketch_lowest_bucket() {
  return QuantileSketch::bucket_of(QuantileSketch::kZeroBelow);
}
std::int32_t sketch_highest_bucket() {
  return QuantileSketch::bucket_of(std::numeric_limits<double>::max());
}

}  // namespace

double QuantileSketch::bucket_value(std::int32_t k) noexcept {
  const auto bits = static_cast<std::uint64_t>(k) << (52 - kMantissaBits);
  const double lo = std::bit_cast<double>(bits);
  const double hi = std::bit_cast<double>(bits + (std::uint64_t{1} << (52 - kMantissaBits)));
  if (!std::isfinite(hi)) return lo;  // the last bucket below infinity
  return 2.0 * lo * hi / (lo + hi);
}

void QuantileSketch::grow(std::int32_t k) {
  if (counts_.empty()) {
    first_ = k;
    counts_.assign(1, 0);
    return;
  }
  const std::int32_t last = first_ + static_cast<std::int32_t>(counts_.size()) - 1;
  if (k < first_) {
    const std::int32_t new_first = std::max(k - kSketchGrowthRoom, sketch_lowest_bucket());
    counts_.insert(counts_.begin(), static_cast<std::size_t>(first_ - new_first), 0);
    first_ = new_first;
  } else if (k > last) {
    const std::int32_t new_last = std::min(k + kSketchGrowthRoom, sketch_highest_bucket());
    counts_.resize(static_cast<std::size_t>(new_last - first_ + 1), 0);
  }
}

void QuantileSketch::merge(const QuantileSketch& other) {
  zero_ += other.zero_;
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  const auto theirs = other.counts();
  if (theirs.empty()) return;
  const std::int32_t from = other.first();
  grow(from);
  grow(from + static_cast<std::int32_t>(theirs.size()) - 1);
  for (std::size_t i = 0; i < theirs.size(); ++i) {
    counts_[static_cast<std::size_t>(from - first_) + i] += theirs[i];
  }
}

std::int32_t QuantileSketch::first() const noexcept {
  const auto used = counts();
  if (used.empty()) return 0;
  return first_ + static_cast<std::int32_t>(used.data() - counts_.data());
}

std::span<const std::uint64_t> QuantileSketch::counts() const noexcept {
  const auto begin = std::find_if(counts_.begin(), counts_.end(), [](auto c) { return c != 0; });
  if (begin == counts_.end()) return {};
  const auto end =
      std::find_if(counts_.rbegin(), counts_.rend(), [](auto c) { return c != 0; }).base();
  return {&*begin, static_cast<std::size_t>(end - begin)};
}

QuantileSketch QuantileSketch::from_counts(std::uint64_t zero_count, std::int32_t first,
                                           std::span<const std::uint64_t> counts, double min,
                                           double max) {
  QuantileSketch s;
  s.zero_ = zero_count;
  s.count_ = zero_count;
  for (auto c : counts) s.count_ += c;
  if (s.count_ == 0) {
    if (!counts.empty()) throw std::invalid_argument("empty buckets");
    return s;
  }
  if (!std::isfinite(min) || !std::isfinite(max) || min > max ||
      (zero_count > 0 && !(min < kZeroBelow)) || (zero_count == s.count_ && !(max < kZeroBelow))) {
    throw std::invalid_argument("a smallest or largest value that does not fit the counts");
  }
  s.min_ = min;
  s.max_ = max;
  if (counts.empty()) return s;
  const auto last = static_cast<std::int64_t>(first) + static_cast<std::int64_t>(counts.size()) - 1;
  if (first < sketch_lowest_bucket() || last > sketch_highest_bucket()) {
    throw std::invalid_argument("a bucket outside the sketch's range");
  }
  s.first_ = first;
  s.counts_.assign(counts.begin(), counts.end());
  if (counts.front() == 0 || counts.back() == 0 || bucket_of(max) != last ||
      (zero_count == 0 && bucket_of(min) != first)) {
    throw std::invalid_argument("a smallest or largest value that does not fit the counts");
  }
  return s;
}

double QuantileSketch::quantile(double q) const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const std::uint64_t rank = sketch_rank(q, count_);
  if (rank == 0) return min_;  // the smallest and largest are kept exactly
  if (rank == count_ - 1) return max_;
  if (rank < zero_) return std::clamp(0.0, min_, max_);
  std::uint64_t seen = zero_;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen > rank) {
      return std::clamp(bucket_value(first_ + static_cast<std::int32_t>(i)), min_, max_);
    }
  }
  return max_;  // not reached
}

bool operator==(const QuantileSketch& a, const QuantileSketch& b) noexcept {
  const auto ca = a.counts();
  const auto cb = b.counts();
  return a.count_ == b.count_ && a.zero_ == b.zero_ && a.first() == b.first() &&
         (a.count_ == 0 || (a.min_ == b.min_ && a.max_ == b.max_)) &&
         std::equal(ca.begin(), ca.end(), cb.begin(), cb.end());
}

int histogram_quantile(std::span<const std::uint64_t> counts, double q) {
  std::uint64_t n = 0;
  for (auto c : counts) n += c;
  if (n == 0) return -1;
  const std::uint64_t rank = sketch_rank(q, n);
  std::uint64_t seen = 0;
  for (std::size_t v = 0; v < counts.size(); ++v) {
    seen += counts[v];
    if (seen > rank) return static_cast<int>(v);
  }
  return static_cast<int>(counts.size()) - 1;  // not reached
}

}  // namespace taperlab::cohort
