#pragma once

#include <optional>
#include <string>
#include <vector>

namespace taperlab::cli {

std::string fixed(double value, int decimals);
std::string percent(double fraction, int decimals = 1);  // 0.123 -> "12.3%"
std::string mg_range(double low, double high);           // "40 mg" or "30-40 mg"

// Left-aligned plain-text table with a header row and two spaces between columns.
std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);

// Wraps a paragraph at `width` columns.
std::string wrap(const std::string& text, std::size_t width = 96);

}  // namespace taperlab::cli
