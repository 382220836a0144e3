#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace taperlab {

class Catalog;

// Minutes after midnight, 0..1439.
struct TimeOfDay {
  int minutes = 0;
  [[nodiscard]] double hours() const { return minutes / 60.0; }
  [[nodiscard]] std::string to_string() const;  // "HH:MM"
  friend bool operator==(TimeOfDay a, TimeOfDay b) = default;
  friend auto operator<=>(TimeOfDay a, TimeOfDay b) = default;
};

// "08:00" or "8:00"; throws ValidationError naming `field`.
TimeOfDay parse_time_of_day(std::string_view text, const std::string& field);

struct ScheduledDose {
  double dose_mg = 0.0;
  TimeOfDay time;
  friend bool operator==(const ScheduledDose&, const ScheduledDose&) = default;
};

// One drug taken every day at fixed clock times.
struct DrugRegimen {
  std::string drug_id;
  std::vector<ScheduledDose> doses;  // sorted by time
  [[nodiscard]] double daily_mg() const;
  friend bool operator==(const DrugRegimen&, const DrugRegimen&) = default;
};

// Everything a person takes each day; at most one entry per drug.
struct Regimen {
  std::vector<DrugRegimen> drugs;
  [[nodiscard]] bool empty() const { return drugs.empty(); }
  [[nodiscard]] std::string describe() const;  // "clonazepam 1 mg at 08:00, 1 mg at 20:00"
  friend bool operator==(const Regimen&, const Regimen&) = default;
};

// Parses an amount such as "1", "1mg", "0.5 mg"; throws ValidationError naming `field`.
double parse_amount_mg(std::string_view text, const std::string& field);

// Parses "DRUG DOSE@HH:MM, DOSE@HH:MM" (e.g. "clonazepam 1mg@08:00, 1mg@20:00") into one drug's
// regimen, checking the drug against the catalogue and the doses for plausibility.
DrugRegimen parse_drug_regimen(std::string_view text, const Catalog& catalog,
                               const std::string& field = "regimen");

// Adds a drug's regimen, rejecting a second entry for the same drug.
void add_drug(Regimen& regimen, DrugRegimen drug, const std::string& field = "regimen");

// Rejects zero, negative and implausible doses. Implausible: a daily dose above four times the
// labelled maximum (max_daily_mg), which is far beyond even high-dose dependence.
void check_plausible(const DrugRegimen& regimen, const Catalog& catalog, const std::string& field);

std::string format_mg(double mg);  // "1", "0.25", "12.5"

}  // namespace taperlab
