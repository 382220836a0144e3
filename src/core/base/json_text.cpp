#include "core/base/json_text.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/base/text.hpp"

namespace taperlab {
namespace {

// Room for a separator and any number, date or literal.
constexpr std::size_t kTokenRoom = 64;

// Where the first byte that needs an escape is, or text.size(): eight bytes at a time, as a
// preview's keys, words and printed table are almost all plain.
std::size_t first_escape(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHighs = 0x8080808080808080;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    const std::uint64_t quote = word ^ (kOnes * '"');
    const std::uint64_t backslash = word ^ (kOnes * '\\');
    // A high bit set where a byte is below 0x20 or equals one of the two: exact for "any".
    const std::uint64_t hits = ((word - kOnes * 0x20) & ~word) | ((quote - kOnes) & ~quote) |
                               ((backslash - kOnes) & ~backslash);
    if ((hits & kHighs) != 0) break;
  }
  for (; i < text.size(); ++i) {
    if (JsonText::needs_escape(text[i])) return i;
  }
  return text.size();
}

// Writes `digits` (at least one) followed by `zeros` zeros at `p`; returns the end.
char* digits_then_zeros(char* p, std::string_view digits, int zeros) {
  std::memcpy(p, digits.data(), digits.size());
  p += digits.size();
  std::memset(p, '0', static_cast<std::size_t>(zeros));
  return p + zeros;
}

// A finite double as dump() prints it: the shortest digits that read back as `x` (std::to_chars),
// laid out as nlohmann lays them out: plain decimals for 1e-4 <= |x| < 1e15 with ".0" after a
// whole number ("2.0", "0.0001", "100000000000000.0"), otherwise d.ddde+XX with at least two
// exponent digits ("1e-05", "1.5e+20"). At most 25 bytes.
char* write_double(char* p, double x) {
  const double magnitude = std::abs(x);
  if (std::signbit(x)) *p++ = '-';
  if (x == 0) {
    std::memcpy(p, "0.0", 3);
    return p + 3;
  }
  // Most of a plan's numbers are short decimals (0.5 mg, 16.2, 0.125): n / 10^d for a whole n and
  // d of at most 6. When that quotient is the number itself, the decimal reads back as it, and with
  // at most 15 digits no other decimal as short does: written from the integer, as rounded() does,
  // at a fraction of the cost of the search for the shortest digits. (A number this misses, as
  // 10^6 times it rounds to no whole number, goes the slow way to the same text.)
  const double most_scaled = magnitude * decimal_scale(kMostScaledDecimals);
  if (magnitude >= 1e-4 && magnitude < 1e9 && most_scaled == std::floor(most_scaled)) {
    for (int d = 0; d <= kMostScaledDecimals; ++d) {
      const double scale = decimal_scale(d);
      const double scaled = magnitude * scale;
      if (scaled != std::floor(scaled)) continue;
      const auto n = static_cast<std::int64_t>(scaled);
      if (static_cast<double>(n) / scale != magnitude) continue;
      p = write_scaled_decimal(p, n, d);
      if (d > 0) {
        while (p[-1] == '0') --p;  // "16.2", "2.0"
        if (p[-1] == '.') ++p;
      } else {
        *p++ = '.';
      }
      if (p[-1] == '.') *p++ = '0';
      return p;
    }
  }
  x = magnitude;  // the sign is written
  if (magnitude >= 1e-4 && magnitude < 1e15) {
    // Almost every number of a plan: fixed notation is that layout, less the ".0".
    char* const start = p;
    p = std::to_chars(p, p + 32, x, std::chars_format::fixed).ptr;
    if (std::find(start, p, '.') == p) {
      *p++ = '.';
      *p++ = '0';
    }
    return p;
  }
  char sci[32];  // d[.ddd]e[+-]XX[X]
  const char* const end =
      std::to_chars(sci, sci + sizeof sci, x, std::chars_format::scientific).ptr;
  const char* s = sci;
  const char* const e = std::find(s, end, 'e');
  char digits[20];  // at most 17 significant digits
  std::size_t k = 0;
  for (const char* d = s; d != e; ++d) {
    if (*d != '.') digits[k++] = *d;
  }
  int exponent = 0;
  std::from_chars(e + 1 + (e[1] == '+' ? 1 : 0), end, exponent);
  const int n = exponent + 1;  // x = 0.d1d2...dk * 10^n
  const int len = static_cast<int>(k);
  constexpr int kMinExp = -4;
  constexpr int kMaxExp = 15;  // std::numeric_limits<double>::digits10
  const std::string_view all(digits, k);
  if (len <= n && n <= kMaxExp) {  // a whole number: 1234000.0
    p = digits_then_zeros(p, all, n - len);
    *p++ = '.';
    *p++ = '0';
    return p;
  }
  if (0 < n && n <= kMaxExp) {  // 1234.5678
    p = digits_then_zeros(p, all.substr(0, static_cast<std::size_t>(n)), 0);
    *p++ = '.';
    return digits_then_zeros(p, all.substr(static_cast<std::size_t>(n)), 0);
  }
  if (kMinExp < n && n <= 0) {  // 0.001234
    *p++ = '0';
    *p++ = '.';
    std::memset(p, '0', static_cast<std::size_t>(-n));
    return digits_then_zeros(p - n, all, 0);
  }
  *p++ = digits[0];  // 1.234e-05, 1e+20
  if (len > 1) {
    *p++ = '.';
    p = digits_then_zeros(p, all.substr(1), 0);
  }
  *p++ = 'e';
  int shown = n - 1;
  *p++ = shown < 0 ? '-' : '+';
  if (shown < 0) shown = -shown;
  if (shown < 10) *p++ = '0';
  return std::to_chars(p, p + 3, shown).ptr;
}

}  // namespace

void JsonText::grow(std::size_t n) {
  // All the room reserved beforehand, else doubling: the zeros resize() writes into the room cost
  // less than copying the text as it grows.
  out_.resize(std::max({used_ + n + 256, 2 * out_.size(), out_.capacity()}));
}

JsonText& JsonText::short_token(std::string_view token) {
  char* p = separator(room(token.size() + 1));
  std::memcpy(p, token.data(), token.size());
  advance(p + token.size());
  return *this;
}

JsonText& JsonText::begin_object() {
  short_token("{");
  first_.push_back(1);
  return *this;
}

JsonText& JsonText::end_object() {
  if (first_.empty()) throw std::logic_error("JsonText: end_object without begin_object");
  first_.pop_back();
  char* p = room(1);
  *p++ = '}';
  advance(p);
  return *this;
}

JsonText& JsonText::begin_array() {
  short_token("[");
  first_.push_back(1);
  return *this;
}

JsonText& JsonText::end_array() {
  if (first_.empty()) throw std::logic_error("JsonText: end_array without begin_array");
  first_.pop_back();
  char* p = room(1);
  *p++ = ']';
  advance(p);
  return *this;
}

JsonText& JsonText::key(std::string_view name) {
  quoted(name, ":");
  after_key_ = true;
  return *this;
}

JsonText& JsonText::value(std::string_view text) {
  quoted(text, "");
  return *this;
}

JsonText& JsonText::value(const CivilDate& date) {
  char iso[10];
  if (!date.write_iso(iso)) {  // a year beyond 9999 or before 0: not from a person's journal
    quoted(date.to_string(), "");
    return *this;
  }
  char* p = separator(room(sizeof iso + 3));
  *p++ = '"';
  std::memcpy(p, iso, sizeof iso);
  p += sizeof iso;
  *p++ = '"';
  advance(p);
  return *this;
}

JsonText& JsonText::value(double number) {
  if (!std::isfinite(number)) return null();  // as dump() prints NaN and infinities
  char* p = separator(room(kTokenRoom + 1));
  advance(write_double(p, number));
  return *this;
}

JsonText& JsonText::rounded(double number, int decimals) {
  if (decimals < 0 || decimals > kMostScaledDecimals) {
    throw std::logic_error("JsonText: 0 to 6 decimals");
  }
  if (!std::isfinite(number)) return null();
  const double scale = decimal_scale(decimals);
  const double scaled = std::round(number * scale);
  if (std::abs(scaled) >= 1e15) {  // beyond what an int64 holds exactly: not a dose or a share
    return value(scaled / scale + 0.0);
  }
  char* p = separator(room(kTokenRoom + 1));
  auto n = static_cast<std::int64_t>(scaled);  // -0.0 becomes 0: no "-0"
  if (n < 0) {
    *p++ = '-';
    n = -n;
  }
  p = write_scaled_decimal(p, n, decimals);
  if (decimals > 0) {  // the fewest digits: "16.2", "1"
    while (p[-1] == '0') --p;
    if (p[-1] == '.') --p;
  }
  advance(p);
  return *this;
}

JsonText& JsonText::document(const nlohmann::json& doc) {
  return raw(doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

JsonText& JsonText::value(int number) { return value(static_cast<std::int64_t>(number)); }

JsonText& JsonText::value(std::int64_t number) {
  char* p = separator(room(kTokenRoom + 1));
  advance(std::to_chars(p, p + kTokenRoom, number).ptr);
  return *this;
}

JsonText& JsonText::value(bool flag) { return short_token(flag ? "true" : "false"); }

void JsonText::quoted(std::string_view text, std::string_view then) {
  std::size_t next = first_escape(text);
  if (next == text.size()) {
    // Names and most values: no escapes, one copy.
    char* p = separator(room(text.size() + then.size() + 3));
    *p++ = '"';
    std::memcpy(p, text.data(), text.size());
    p += text.size();
    *p++ = '"';
    std::memcpy(p, then.data(), then.size());
    advance(p + then.size());
    return;
  }
  // Room for exactly what is written (a worst case of six bytes for every byte would make a
  // printed table's room several times its size).
  std::size_t extra = 0;
  for (std::size_t at = next; at < text.size(); at += 1 + first_escape(text.substr(at + 1))) {
    const char c = text[at];
    const bool short_form =
        c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t';
    extra += short_form ? 1 : 5;
  }
  char* p = separator(room(text.size() + extra + then.size() + 3));
  [[maybe_unused]] const char* const end = p + text.size() + extra + then.size() + 2;
  *p++ = '"';
  static constexpr char kHex[] = "0123456789abcdef";
  // Characters that need no escape are copied in runs: a plan's printed table is kilobytes long.
  std::size_t run = 0;
  for (; next < text.size(); next = run + first_escape(text.substr(run))) {
    const char c = text[next];
    std::memcpy(p, text.data() + run, next - run);
    p += next - run;
    run = next + 1;
    *p++ = '\\';
    switch (c) {
      case '"':
        *p++ = '"';
        break;
      case '\\':
        *p++ = '\\';
        break;
      case '\b':
        *p++ = 'b';
        break;
      case '\f':
        *p++ = 'f';
        break;
      case '\n':
        *p++ = 'n';
        break;
      case '\r':
        *p++ = 'r';
        break;
      case '\t':
        *p++ = 't';
        break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[byte >> 4];
        *p++ = kHex[byte & 0xF];
      }
    }
  }
  std::memcpy(p, text.data() + run, text.size() - run);
  p += text.size() - run;
  *p++ = '"';
  std::memcpy(p, then.data(), then.size());
  assert(p + then.size() == end);  // the room counted above was exactly what was written
  advance(p + then.size());
}

JsonText& JsonText::null() { return short_token("null"); }

JsonText& JsonText::raw(std::string_view json) {
  char* p = separator(room(json.size() + 1));
  std::memcpy(p, json.data(), json.size());
  advance(p + json.size());
  return *this;
}

}  // namespace taperlab
