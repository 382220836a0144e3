#include "report/report_format.hpp"

#include <algorithm>
#include <cmath>

#include "core/base/text.hpp"

namespace taperlab::report {

std::string format_percent(double fraction) {
  const double pct = std::round(fraction * 1000.0) / 10.0;
  return fixed_decimals(pct, std::fabs(pct - std::round(pct)) < 1e-9 ? 0 : 1) + "%";
}

namespace {

std::size_t columns(std::string_view text) {
  // UTF-8 continuation bytes (10xxxxxx) do not start a character.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

void append_left_aligned(std::string& out, std::string_view text, std::size_t width) {
  out += text;
  const std::size_t used = columns(text);
  if (used < width) out.append(width - used, ' ');
}

void append_right_aligned(std::string& out, std::string_view text, std::size_t width) {
  const std::size_t used = columns(text);
  if (used < width) out.append(width - used, ' ');
  out += text;
}

std::string wrap(std::string_view text, std::size_t width, std::string_view first_indent,
                 std::string_view rest_indent) {
  std::string out;
  out.reserve(text.size() + first_indent.size() + 16);
  // Lines are written into `out` as they fill: `line_start` is where the current one begins.
  std::size_t line_start = 0;
  out += first_indent;
  bool line_has_word = false;
  std::size_t pos = 0;
  auto flush = [&] {
    out += '\n';
    line_start = out.size();
    out += rest_indent;
    line_has_word = false;
  };
  while (pos < text.size()) {
    if (text[pos] == '\n') {  // an explicit line break
      flush();
      ++pos;
      continue;
    }
    if (text[pos] == ' ') {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
    const std::string_view word = text.substr(pos, end - pos);
    if (line_has_word && out.size() - line_start + 1 + word.size() > width) flush();
    if (line_has_word) out += ' ';
    out += word;
    line_has_word = true;
    pos = end;
  }
  if (line_has_word || line_start == 0) {
    out += '\n';
  } else {
    out.resize(line_start);  // the indent of a line that got no word
  }
  return out;
}

std::string day_label(const Plan& plan, int day) {
  if (!plan.settings.start_date) return "day " + std::to_string(day);
  const CivilDate date = plan.settings.start_date->plus_days(day);
  return date.weekday_short() + " " + date.to_string();
}

int last_day(const TaperStep& step) {
  return step.duration_days > 0 ? step.start_day + step.duration_days - 1 : step.start_day;
}

std::string doses_text(const PlannedDrug& drug) {
  std::string out;
  for (const auto& dose : drug.doses) {
    if (!out.empty()) out += "; ";
    out += dose.time.to_string() + " " + dose.makeup.describe();
  }
  return out;
}

std::string ics_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  constexpr std::size_t kMaxOctets = 75;
  auto is_continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  std::string out;
  std::size_t pos = 0;
  bool first = true;
  while (true) {
    const std::size_t room = first ? kMaxOctets : kMaxOctets - 1;  // a leading space
    if (line.size() - pos <= room) {
      if (!first) out += ' ';
      out += line.substr(pos);
      out += "\r\n";
      return out;
    }
    std::size_t end = pos + room;
    while (end > pos + 1 && is_continuation(line[end])) --end;  // keep UTF-8 sequences whole
    if (!first) out += ' ';
    out += line.substr(pos, end - pos);
    out += "\r\n";
    pos = end;
    first = false;
  }
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string markup_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace taperlab::report
