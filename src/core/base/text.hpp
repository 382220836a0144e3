#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace taperlab {

// Small text helpers shared by the parsers and formatters of the core.

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
// ASCII letters compared without case: names, header values and tokens ("HTTPS" is "https").
bool equals_ignoring_case(std::string_view a, std::string_view b);

// A list in words: "a", "a and b", "a, b and c" (`last` " or " for choices: "a, b or c").
std::string join_words(const std::vector<std::string>& words, std::string_view last = " and ");
// "1 day", "3 days".
std::string days_words(int days);

// "2.5", "0.25", "3": fixed to `max_decimals` decimals, then without trailing zeros.
std::string format_decimal(double value, int max_decimals);
// `value` with exactly `decimals` decimals, rounded as printf's "%.*f" rounds: "0.100".
std::string fixed_decimals(double value, int decimals);

// For number writers that round to a few decimals through an integer: 10^decimals (0 to 6),
// exact as a double, and n / 10^decimals (n >= 0) with exactly `decimals` digits after the point
// written at `out` (room for 28 bytes), returning the end: (1250, 2) gives "12.50".
constexpr int kMostScaledDecimals = 6;
double decimal_scale(int decimals);
char* write_scaled_decimal(char* out, std::int64_t n, int decimals);

}  // namespace taperlab
