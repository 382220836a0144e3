#include "core/base/name_suggest.hpp"

#include <algorithm>
#include <cctype>

#include "core/base/text.hpp"

namespace taperlab {
namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> nearest_names(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t max_results) {
  const std::string wanted = to_lower(name);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& c : candidates) {
    const std::string lc = to_lower(c);
    std::size_t d = edit_distance(wanted, lc);
    // A typed prefix ("alpra") is a strong hint even when the distance is large.
    if (!wanted.empty() && lc.rfind(wanted, 0) == 0) d = std::min<std::size_t>(d, 1);
    scored.emplace_back(d, c);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  const std::size_t limit = std::max<std::size_t>(3, wanted.size() / 2);
  std::vector<std::string> out;
  for (const auto& [d, c] : scored) {
    if (out.size() >= max_results || d > limit) break;
    out.push_back(c);
  }
  return out;
}

}  // namespace taperlab
