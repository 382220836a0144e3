#include "text_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "core/dosing/regimen.hpp"

namespace taperlab::cli {

std::string fixed(double value, int decimals) { return fmt::format("{:.{}f}", value, decimals); }

std::string percent(double fraction, int decimals) {
  return fmt::format("{:.{}f}%", fraction * 100.0, decimals);
}

std::string mg_range(double low, double high) {
  if (std::abs(high - low) < 1e-9) return format_mg(low) + " mg";
  return format_mg(low) + "-" + format_mg(high) + " mg";
}

std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) {
      width[c] = std::max(width[c], row[c].size());
    }
  };
  measure(header);
  for (const auto& r : rows) measure(r);
  auto line = [&](const std::vector<std::string>& row) {
    std::string out;
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += row[c];
      if (c + 1 < row.size()) out += std::string(width[c] - row[c].size() + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string wrap(const std::string& text, std::size_t width) {
  std::istringstream words(text);
  std::string word;
  std::string out;
  std::size_t column = 0;
  while (words >> word) {
    if (column > 0 && column + 1 + word.size() > width) {
      out += "\n";
      column = 0;
    } else if (column > 0) {
      out += " ";
      ++column;
    }
    out += word;
    column += word.size();
  }
  return out + "\n";
}

}  // namespace taperlab::cli
