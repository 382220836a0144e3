#include "core/base/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
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

namespace {

// fixed_decimals for a positive value whose digits fit an int64 with room to spare, when the
// rounding cannot be in doubt: value * 10^decimals is within half a unit in the last place of the
// exact product (10^k is exact for k <= 6, and the product below 2^44 has an ulp of at most
// 2^-8), so unless its fraction lies within 0.01 of one half, rounding it to the nearest integer
// rounds the exact decimal value the same way std::to_chars does. False: take the exact path.
bool fast_fixed(double value, int decimals, char* out, std::size_t& size) {
  if (!(value > 0) || decimals < 0 || decimals > kMostScaledDecimals) return false;
  const double scaled = value * decimal_scale(decimals);
  if (!(scaled < 17592186044416.0)) return false;  // 2^44
  const double below = std::floor(scaled);
  const double fraction = scaled - below;
  if (std::abs(fraction - 0.5) <= 0.01) return false;
  const auto n = static_cast<std::int64_t>(fraction > 0.5 ? below + 1 : below);
  size = static_cast<std::size_t>(write_scaled_decimal(out, n, decimals) - out);
  return true;
}

constexpr std::int64_t kPowersOfTen[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

}  // namespace

double decimal_scale(int decimals) {
  return static_cast<double>(kPowersOfTen[decimals]);  // exact: below 2^53
}

char* write_scaled_decimal(char* out, std::int64_t n, int decimals) {
  const std::int64_t power = kPowersOfTen[decimals];
  char* p = std::to_chars(out, out + 20, n / power).ptr;
  if (decimals > 0) {
    *p++ = '.';
    std::int64_t rest = n % power;
    for (int i = decimals - 1; i >= 0; --i) {
      p[i] = static_cast<char>('0' + rest % 10);
      rest /= 10;
    }
    p += decimals;
  }
  return p;
}

std::string fixed_decimals(double value, int decimals) {
  char fast[32];
  std::size_t size = 0;
  // Doses, percentages and volumes, several per plan step: most take the fast path.
  if (fast_fixed(value, decimals, fast, size)) return std::string(fast, size);
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

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string days_words(int days) { return std::to_string(days) + (days == 1 ? " day" : " days"); }

std::string join_words(const std::vector<std::string>& words, std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? last : std::string_view(", ");
    out += words[i];
  }
  return out;
}

}  // namespace taperlab
