#include "server/routes/course_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace taperlab::server {
namespace {

// Shares to 5 decimals, doses to 3.
constexpr int kShareDecimals = 5;
constexpr int kMgDecimals = 3;

void append_number(std::string& out, double value) {
  char buffer[32];
  // Shortest text that reads back as the same double.
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) throw std::logic_error("a number did not fit its buffer");
  out.append(buffer, end);
}

// `value` rounded to `decimals` places, printed from the rounded integer: "0.12346", "16.2", "1",
// "0". The text reads back as exactly round(value * 10^decimals) / 10^decimals (both are the
// double nearest that decimal), at a fraction of the cost of the shortest-double algorithm.
void append_rounded_number(std::string& out, double value, int decimals) {
  if (!std::isfinite(value)) {
    out += "null";  // JSON has no NaN or infinity; the model should never produce them
    return;
  }
  static constexpr double kScales[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
  static constexpr std::int64_t kPowers[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  const double scaled = std::round(value * kScales[decimals]);
  if (std::abs(scaled) >= 1e15) {  // beyond what an int64 holds exactly: not a dose or a share
    append_number(out, scaled / kScales[decimals] + 0.0);
    return;
  }
  auto n = static_cast<std::int64_t>(scaled);  // -0.0 becomes 0: no "-0"
  if (n < 0) {
    out += '-';
    n = -n;
  }
  const std::int64_t whole = n / kPowers[decimals];
  std::int64_t fraction = n % kPowers[decimals];
  char buffer[24];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, whole).ptr);
  if (fraction == 0) return;
  int digits = decimals;
  while (fraction % 10 == 0) {
    fraction /= 10;
    --digits;
  }
  out += '.';
  char* p = buffer + digits;
  for (char* q = p; q != buffer;) {
    *--q = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  out.append(buffer, p);
}

void append_rounded(std::string& out, const char* key, const std::vector<double>& values,
                    int decimals) {
  out += '"';
  out += key;
  out += "\":[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append_rounded_number(out, values[i], decimals);
  }
  out += ']';
}

}  // namespace

void append_course_json(std::string& out, const DailyCourse& course,
                        const std::optional<CivilDate>& start, int days) {
  // About 60 characters a day: grown step by step, the text was copied a dozen times over.
  out.reserve(out.size() + 256 + 64 * static_cast<std::size_t>(std::max(days, 0)));
  // Keys in the order nlohmann::json prints them (sorted), so the answer reads as before.
  out += '{';
  append_rounded(out, "adaptation_remaining", course.adaptation_remaining, kShareDecimals);
  out += ",\"date\":[";
  for (int d = 0; d < days; ++d) {
    if (d > 0) out += ',';
    out += '"';
    if (start) out += start->plus_days(d).to_string();
    out += '"';
  }
  out += "],\"day\":[";
  for (int d = 0; d < days; ++d) {
    if (d > 0) out += ',';
    out += std::to_string(d);
  }
  out += "],";
  append_rounded(out, "dose_mg", course.diazepam_equivalent_mg, kMgDecimals);
  out += ',';
  append_rounded(out, "effect", course.effect, kShareDecimals);
  out += ',';
  append_rounded(out, "withdrawal", course.withdrawal, kShareDecimals);
  out += '}';
}

}  // namespace taperlab::server
