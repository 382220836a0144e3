#include "core/plan/plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace taperlab {

double PlannedDrug::daily_mg() const {
  double total = 0;
  for (const auto& d : doses) total += d.dose_mg();
  return total;
}

const char* to_string(StepKind k) {
  switch (k) {
    case StepKind::kStart:
      return "start";
    case StepKind::kCrossover:
      return "crossover";
    case StepKind::kCut:
      return "cut";
    case StepKind::kFinalStop:
      return "stop";
    case StepKind::kMaintenance:
      return "maintenance";
  }
  return "?";
}

const char* to_string(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kNeedsClinician:
      return "needs-clinician";
  }
  return "?";
}

Regimen TaperStep::regimen() const {
  Regimen r;
  for (const auto& d : drugs) {
    DrugRegimen dr{d.drug_id, {}};
    for (const auto& dose : d.doses) {
      if (dose.dose_mg() > 0) dr.doses.push_back({dose.dose_mg(), dose.time});
    }
    if (!dr.doses.empty()) r.drugs.push_back(std::move(dr));
  }
  return r;
}

bool Plan::needs_clinician() const {
  return std::any_of(findings.begin(), findings.end(), [](const SafetyFinding& f) {
    return f.severity == Severity::kNeedsClinician;
  });
}

int Plan::total_days() const { return steps.empty() ? 0 : steps.back().start_day; }

DoseSchedule Plan::schedule() const {
  DoseSchedule s;
  for (const auto& step : steps) s.steps.push_back({step.start_day, step.regimen()});
  return s;
}

namespace {

// Key that identifies one product regardless of where it came from.
auto option_key(const DispensingOption& o) {
  return std::make_tuple(o.drug_id, static_cast<int>(o.form), o.strength_mg, o.strength_mg_per_ml,
                         o.compounded);
}

using PharmacyLines = std::map<decltype(option_key(DispensingOption{})), PharmacyLine>;

void add_step(const TaperStep& step, int days, PharmacyLines& lines) {
  for (const auto& drug : step.drugs) {
    for (const auto& dose : drug.doses) {
      for (const auto& part : dose.makeup.parts) {
        auto& line = lines[option_key(part.option)];
        line.option = part.option;
        line.tablets += part.quarters / 4.0 * days;
        line.volume_ml += part.volume_ml * days;
      }
    }
  }
}

std::vector<PharmacyLine> finish(PharmacyLines& lines) {
  std::vector<PharmacyLine> out;
  for (auto& [key, line] : lines) {
    line.tablets =
        std::max(0.0, std::ceil(line.tablets - 1e-9));  // part tablets are dispensed whole
    line.volume_ml = std::max(0.0, std::ceil(line.volume_ml - 1e-9));
    out.push_back(line);
  }
  return out;
}

}  // namespace

std::vector<PharmacyLine> Plan::pharmacy_for_step(const TaperStep& step) const {
  PharmacyLines lines;
  add_step(step, step.duration_days, lines);
  return finish(lines);
}

std::vector<PharmacyLine> Plan::pharmacy_total() const {
  PharmacyLines lines;
  for (const auto& step : steps) add_step(step, step.duration_days, lines);
  return finish(lines);
}

}  // namespace taperlab
