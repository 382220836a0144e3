#include "core/text.hpp"

#include <cctype>
#include <charconv>
#include <system_error>

namespace taperlab {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string fixed_decimals(double value, int decimals) {
  // std::to_chars rounds exactly as printf's %.*f does, without its locale and format parsing: a
  // plan's table and its charts print several per day.
  char buf[400];  // the largest double in fixed notation has 309 digits before the point
  const auto [end, error] =
      std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  return error == std::errc() ? std::string(buf, end) : std::to_string(value);
}

std::string format_decimal(double value, int max_decimals) {
  std::string s = fixed_decimals(value, max_decimals);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s;
}

}  // namespace taperlab
