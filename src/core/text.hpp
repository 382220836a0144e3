#pragma once

#include <string>
#include <string_view>

namespace taperlab {

// Small text helpers shared by the parsers and formatters of the core.

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);

// "2.5", "0.25", "3": fixed to `max_decimals` decimals, then without trailing zeros.
std::string format_decimal(double value, int max_decimals);
// `value` with exactly `decimals` decimals, rounded as printf's "%.*f" rounds: "0.100".
std::string fixed_decimals(double value, int decimals);

}  // namespace taperlab
