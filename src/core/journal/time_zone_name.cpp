#include "core/journal/time_zone_name.hpp"

#include <cstddef>

namespace taperlab {

bool plausible_time_zone_name(std::string_view name) {
  // The longest name in tzdata 2024 is 32 characters ("America/Argentina/ComodRivadavia").
  constexpr std::size_t kMaxLength = 64;
  if (name.empty() || name.size() > kMaxLength) return false;
  std::size_t part_start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '/') {
      const std::string_view part = name.substr(part_start, i - part_start);
      if (part.empty() || part == "." || part == "..") return false;
      part_start = i + 1;
      continue;
    }
    const char c = name[i];
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-';
    if (!allowed) return false;
  }
  return true;
}

}  // namespace taperlab
