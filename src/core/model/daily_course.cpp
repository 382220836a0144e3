#include "core/plan/daily_course.hpp"

#include <algorithm>
#include <cstddef>

namespace taperlab {

DailyCourse DailyCourse::first_days(int days) const {
  const auto first = [days](const std::vector<double>& v) {
    const auto n = std::min(v.size(), static_cast<std::size_t>(std::max(days, 0)));
    return std::vector<double>(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n));
  };
  return {first(diazepam_equivalent_mg), first(effect), first(adaptation_remaining),
          first(withdrawal)};
}

}  // namespace taperlab
