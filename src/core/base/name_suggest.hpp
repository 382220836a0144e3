#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace taperlab {

// The candidates closest to `name` by edit distance (case-insensitive), best first, for
// "did you mean" messages. Returns at most `max_results`, and only reasonably close ones.
std::vector<std::string> nearest_names(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t max_results = 3);

}  // namespace taperlab
