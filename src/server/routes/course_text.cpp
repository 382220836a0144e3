#include "server/routes/course_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace taperlab::server {
namespace {

constexpr double kShareScale = 1e5;
constexpr double kMgScale = 1e3;

void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";  // JSON has no NaN or infinity; the model should never produce them
    return;
  }
  char buffer[32];
  // Shortest text that reads back as the same double.
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) throw std::logic_error("a number did not fit its buffer");
  out.append(buffer, end);
}

void append_rounded(std::string& out, const char* key, const std::vector<double>& values,
                    double scale) {
  out += '"';
  out += key;
  out += "\":[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    append_number(out, std::round(values[i] * scale) / scale + 0.0);  // + 0.0: no -0
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
  append_rounded(out, "adaptation_remaining", course.adaptation_remaining, kShareScale);
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
  append_rounded(out, "dose_mg", course.diazepam_equivalent_mg, kMgScale);
  out += ',';
  append_rounded(out, "effect", course.effect, kShareScale);
  out += ',';
  append_rounded(out, "withdrawal", course.withdrawal, kShareScale);
  out += '}';
}

}  // namespace taperlab::server
