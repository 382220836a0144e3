#pragma once

// Holm-Bonferroni correction: testing seven habits at once makes a "significant" one likely by
// chance alone, so each p-value is adjusted for the number tested. Holm is uniformly more powerful
// than plain Bonferroni and makes no assumption about how the tests depend on each other.

#include <span>
#include <vector>

namespace taperlab::insight {

// Adjusted p-values, in the order given: the i-th smallest p (1-based) is multiplied by
// (m - i + 1), capped at 1, and made non-decreasing along the sorted order. A hypothesis is
// rejected at level alpha exactly when its adjusted p <= alpha. Ties keep their input order.
std::vector<double> holm_adjust(std::span<const double> p_values);

}  // namespace taperlab::insight
