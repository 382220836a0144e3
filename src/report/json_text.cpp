#include "report/json_text.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace taperlab::report {

JsonText& JsonText::begin_object() {
  before_value();
  out_ += '{';
  first_.push_back(1);
  return *this;
}

JsonText& JsonText::end_object() {
  if (first_.empty()) throw std::logic_error("JsonText: end_object without begin_object");
  first_.pop_back();
  out_ += '}';
  return *this;
}

JsonText& JsonText::begin_array() {
  before_value();
  out_ += '[';
  first_.push_back(1);
  return *this;
}

JsonText& JsonText::end_array() {
  if (first_.empty()) throw std::logic_error("JsonText: end_array without begin_array");
  first_.pop_back();
  out_ += ']';
  return *this;
}

JsonText& JsonText::key(std::string_view name) {
  value(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonText& JsonText::value(double number) {
  if (!std::isfinite(number)) return null();  // as dump() prints NaN and infinities
  before_value();
  char buffer[64];
  // The algorithm and layout dump() uses (Grisu2, shortest round trip, "2.0" for whole numbers).
  // It lives in nlohmann's detail namespace; Debian 12 pins the library at 3.11.2, and the tests
  // compare this text with dump()'s.
  char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, end);
  return *this;
}

JsonText& JsonText::rounded(double number, int decimals) {
  static constexpr double kScales[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
  static constexpr std::int64_t kPowers[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  if (decimals < 0 || decimals > 6) throw std::logic_error("JsonText: 0 to 6 decimals");
  if (!std::isfinite(number)) return null();
  const double scaled = std::round(number * kScales[decimals]);
  if (std::abs(scaled) >= 1e15) {  // beyond what an int64 holds exactly: not a dose or a share
    return value(scaled / kScales[decimals] + 0.0);
  }
  before_value();
  auto n = static_cast<std::int64_t>(scaled);  // -0.0 becomes 0: no "-0"
  if (n < 0) {
    out_ += '-';
    n = -n;
  }
  const std::int64_t whole = n / kPowers[decimals];
  std::int64_t fraction = n % kPowers[decimals];
  char buffer[24];
  out_.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, whole).ptr);
  if (fraction == 0) return *this;
  int digits = decimals;
  while (fraction % 10 == 0) {
    fraction /= 10;
    --digits;
  }
  out_ += '.';
  char* end = buffer + digits;
  for (char* p = end; p != buffer;) {
    *--p = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  out_.append(buffer, end);
  return *this;
}

JsonText& JsonText::document(const nlohmann::json& doc) {
  return raw(doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

JsonText& JsonText::value(int number) { return value(static_cast<std::int64_t>(number)); }

JsonText& JsonText::value(std::int64_t number) {
  before_value();
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, result.ptr);
  return *this;
}

JsonText& JsonText::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonText& JsonText::value(std::string_view text) {
  before_value();
  out_ += '"';
  static constexpr char kHex[] = "0123456789abcdef";
  // Characters that need no escape are copied in runs: a plan's printed table is kilobytes long.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && c != '"' && c != '\\') continue;  // UTF-8 passes through, as in dump()
    out_.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        out_ += "\\u00";
        out_ += kHex[byte >> 4];
        out_ += kHex[byte & 0xF];
    }
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
  return *this;
}

JsonText& JsonText::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonText& JsonText::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

}  // namespace taperlab::report
