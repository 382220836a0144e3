#pragma once

// A mergeable streaming sketch of the quantiles of nonnegative values (withdrawal pressure W,
// adaptation remaining R, effect E), for cohorts too large to keep every value: its memory grows
// with the spread of the values, not with their number.
//
// Buckets are log-linear, as in HdrHistogram and DDSketch's "bit" mappings: a value's bucket is its
// IEEE-754 exponent and the top kMantissaBits bits of its mantissa, read straight from the bits
// (no logarithm, so every machine puts a value in the same bucket). A bucket [lo, hi) has
// hi / lo <= 1 + 2^-7 and is reported as 2 lo hi / (lo + hi), whose relative distance to any value
// in the bucket is at most 2^-7 / (2 + 2^-7) = 1/257: the stated relative error kRelativeError
// (0.39%). Values below kZeroBelow (about 6e-8), and negative values, are counted in a zero
// bucket and reported as 0: an absolute error below 6e-8, nothing clinically visible in W, R or E.
//
// The smallest and largest values are kept exactly and every estimate is clamped between them
// (which only brings it closer: R of exactly 1 on day 0 reads 1, not its bucket's 1.0039).
//
// A quantile q is the value of rank floor(q (n - 1)) (0-based) in the sorted sample, so that
// quantile(q) is within kRelativeError (or, for values below kZeroBelow, within kZeroBelow) of
// sorted[floor(q (n - 1))]. Counts are integers: merging is exact and does not depend on order, so
// a sketch of one run equals, bucket for bucket, the merge of sketches of its parts.

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <vector>

namespace taperlab::cohort {

class QuantileSketch {
 public:
  static constexpr int kMantissaBits = 7;
  static constexpr double kRelativeError = 1.0 / ((2 << kMantissaBits) + 1);  // 1/257
  static constexpr double kZeroBelow = 0x1p-24;                               // ~5.96e-8

  // The bucket holding x (x >= kZeroBelow, finite).
  static std::int32_t bucket_of(double x) noexcept {
    return static_cast<std::int32_t>(std::bit_cast<std::uint64_t>(x) >> (52 - kMantissaBits));
  }
  // The value reported for bucket k.
  static double bucket_value(std::int32_t k) noexcept;

  // Throws std::domain_error for NaN or infinity (a failed simulation must not vanish into a
  // band).
  void add(double x) {
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
    if (!(x < kZeroBelow)) {
      if (!std::isfinite(x)) throw std::domain_error("QuantileSketch: a value is not finite");
      const std::int32_t k = bucket_of(x);
      const auto i = static_cast<std::size_t>(k - first_);
      if (k < first_ || i >= counts_.size()) {
        grow(k);
        ++counts_[static_cast<std::size_t>(k - first_)];
      } else {
        ++counts_[i];
      }
    } else if (std::isnan(x)) {
      throw std::domain_error("QuantileSketch: a value is not a number");
    } else {
      ++zero_;
    }
    ++count_;
  }

  // Adds every count of `other`: exact, in any order.
  void merge(const QuantileSketch& other);

  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  [[nodiscard]] bool empty() const noexcept { return count_ == 0; }
  // The value of rank floor(q (n - 1)), q in [0, 1]; NaN when empty.
  [[nodiscard]] double quantile(double q) const;
  // The smallest and largest values added (+infinity and -infinity when empty).
  [[nodiscard]] double min() const noexcept { return min_; }
  [[nodiscard]] double max() const noexcept { return max_; }

  // The stored form: the zero bucket's count, then the counts of buckets first(), first()+1, ...
  // with no zero count at either end (first() is 0 when no bucket is used).
  [[nodiscard]] std::uint64_t zero_count() const noexcept { return zero_; }
  [[nodiscard]] std::int32_t first() const noexcept;
  [[nodiscard]] std::span<const std::uint64_t> counts() const noexcept;
  // Rebuilds a stored sketch; throws std::invalid_argument for a bucket outside the finite
  // positive doubles at or above kZeroBelow, or a smallest or largest value that does not fit the
  // counts.
  static QuantileSketch from_counts(std::uint64_t zero_count, std::int32_t first,
                                    std::span<const std::uint64_t> counts, double min, double max);

  // Same counts in the same buckets (however much room each has set aside).
  friend bool operator==(const QuantileSketch& a, const QuantileSketch& b) noexcept;

 private:
  void grow(std::int32_t k);

  std::uint64_t count_ = 0;
  std::uint64_t zero_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
  std::int32_t first_ = 0;  // bucket of counts_[0]
  std::vector<std::uint64_t> counts_;
};

// The entry of rank floor(q (n - 1)) of a sample given as an exact histogram (counts[v] people
// with value v), by the same rule as QuantileSketch::quantile; -1 when the histogram is empty.
int histogram_quantile(std::span<const std::uint64_t> counts, double q);

}  // namespace taperlab::cohort
