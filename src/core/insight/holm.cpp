#include "core/insight/holm.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>

namespace taperlab::insight {

std::vector<double> holm_adjust(std::span<const double> p_values) {
  const std::size_t m = p_values.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> adjusted(m, 1.0);
  double running_max = 0.0;
  for (std::size_t rank = 0; rank < m; ++rank) {
    const std::size_t i = order[rank];
    const double scaled = std::min(1.0, static_cast<double>(m - rank) * p_values[i]);
    running_max = std::max(running_max, scaled);
    adjusted[i] = running_max;
  }
  return adjusted;
}

}  // namespace taperlab::insight
