#include "core/dosing/regimen.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/drugs/catalog.hpp"
#include "core/base/error.hpp"
#include "core/base/text.hpp"

namespace taperlab {
namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

// Assumed: high-dose dependence rarely exceeds the labelled maximum several-fold, so more than
// four times it is far likelier a unit or typing mistake than a real regimen.
constexpr double kImplausibleFactor = 4.0;

}  // namespace

std::string TimeOfDay::to_string() const {
  // Printed for every dose of every plan step (tables, calendars, JSON): snprintf's format
  // parsing cost more than the rest of a step's line.
  if (minutes >= 0 && minutes < 100 * 60) {
    const int h = minutes / 60;
    const int m = minutes % 60;
    const char text[5] = {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                          static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
    return std::string(text, sizeof text);
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

TimeOfDay parse_time_of_day(std::string_view text, const std::string& field) {
  text = trim(text);
  const auto colon = text.find(':');
  auto bad = [&] {
    return ValidationError(
        field, "malformed time '" + std::string(text) + "' (expected HH:MM, 00:00 to 23:59)");
  };
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() - colon != 3) {
    throw bad();
  }
  int h = 0;
  int m = 0;
  const auto hs = text.substr(0, colon);
  const auto ms = text.substr(colon + 1);
  if (std::from_chars(hs.data(), hs.data() + hs.size(), h).ptr != hs.data() + hs.size() ||
      std::from_chars(ms.data(), ms.data() + ms.size(), m).ptr != ms.data() + ms.size()) {
    throw bad();
  }
  if (h < 0 || h > 23 || m < 0 || m > 59) throw bad();
  return TimeOfDay{h * 60 + m};
}

double DrugRegimen::daily_mg() const {
  double total = 0;
  for (const auto& d : doses) total += d.dose_mg;
  return total;
}

std::string format_mg(double mg) { return format_decimal(mg, 3); }

std::string Regimen::describe() const {
  std::string out;
  for (const auto& d : drugs) {
    if (!out.empty()) out += "; ";
    out += d.drug_id;
    for (std::size_t i = 0; i < d.doses.size(); ++i) {
      out += (i == 0 ? " " : ", ") + format_mg(d.doses[i].dose_mg) + " mg at " +
             d.doses[i].time.to_string();
    }
  }
  return out.empty() ? "nothing" : out;
}

double parse_amount_mg(std::string_view text, const std::string& field) {
  text = trim(text);
  std::string_view number = text;
  if (number.size() >= 2) {
    const auto unit = number.substr(number.size() - 2);
    if ((unit[0] == 'm' || unit[0] == 'M') && (unit[1] == 'g' || unit[1] == 'G')) {
      number = trim(number.substr(0, number.size() - 2));
    }
  }
  double value = 0;
  const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() ||
      !std::isfinite(value)) {
    throw ValidationError(
        field, "malformed amount '" + std::string(text) + "' (expected milligrams, e.g. 0.5mg)");
  }
  if (value <= 0) {
    throw ValidationError(field, "dose must be greater than 0 mg (got " + std::string(text) + ")");
  }
  return value;
}

void check_plausible(const DrugRegimen& regimen, const Catalog& catalog, const std::string& field) {
  const Drug& drug = catalog.drug(regimen.drug_id, field);
  for (const auto& d : regimen.doses) {
    if (!(d.dose_mg > 0) || !std::isfinite(d.dose_mg)) {
      throw ValidationError(field, "dose must be greater than 0 mg");
    }
  }
  const double limit = kImplausibleFactor * drug.max_daily_mg.value;
  if (regimen.daily_mg() > limit) {
    throw ValidationError(
        field, "implausible daily dose of " + format_mg(regimen.daily_mg()) + " mg " + drug.id +
                   " (more than " + format_mg(limit) + " mg, four times the labelled maximum of " +
                   format_mg(drug.max_daily_mg.value) + " mg/day); check the amount and unit");
  }
}

DrugRegimen parse_drug_regimen(std::string_view text, const Catalog& catalog,
                               const std::string& field) {
  text = trim(text);
  const auto space = text.find_first_of(" \t");
  if (text.empty() || space == std::string_view::npos) {
    throw ValidationError(field,
                          "expected \"DRUG DOSE@HH:MM, DOSE@HH:MM\", e.g. "
                          "\"clonazepam 1mg@08:00, 1mg@20:00\"");
  }
  DrugRegimen regimen;
  regimen.drug_id = catalog.drug(text.substr(0, space), field).id;
  for (std::string_view part : split(text.substr(space + 1), ',')) {
    part = trim(part);
    const auto at = part.find('@');
    if (part.empty() || at == std::string_view::npos) {
      throw ValidationError(field, "dose '" + std::string(part) + "' needs a time, e.g. 1mg@08:00");
    }
    ScheduledDose dose;
    dose.dose_mg = parse_amount_mg(part.substr(0, at), field);
    dose.time = parse_time_of_day(part.substr(at + 1), field);
    for (const auto& existing : regimen.doses) {
      if (existing.time == dose.time) {
        throw ValidationError(field,
                              "two doses at " + dose.time.to_string() + "; combine them into one");
      }
    }
    regimen.doses.push_back(dose);
  }
  std::sort(regimen.doses.begin(), regimen.doses.end(),
            [](const ScheduledDose& a, const ScheduledDose& b) { return a.time < b.time; });
  check_plausible(regimen, catalog, field);
  return regimen;
}

void add_drug(Regimen& regimen, DrugRegimen drug, const std::string& field) {
  for (const auto& existing : regimen.drugs) {
    if (existing.drug_id == drug.drug_id) {
      throw ValidationError(field, drug.drug_id +
                                       " appears twice; give all its doses in one "
                                       "regimen");
    }
  }
  regimen.drugs.push_back(std::move(drug));
}

}  // namespace taperlab
