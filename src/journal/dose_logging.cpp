#include "journal/dose_logging.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "core/base/error.hpp"
#include "journal/today.hpp"

namespace taperlab::journal {
namespace {

// Doses within this much of the plan count as the planned dose: measuring a liquid or splitting
// a tablet is never more exact than this.
constexpr double kSameDoseRelative = 0.02;

bool same_dose(double a_mg, double b_mg) {
  return std::abs(a_mg - b_mg) <= kSameDoseRelative * std::max(a_mg, b_mg) + 1e-9;
}

std::string drug_list(const std::vector<PlanDoseView>& doses) {
  std::vector<std::string> ids;
  for (const auto& d : doses) {
    if (std::find(ids.begin(), ids.end(), d.drug_id) == ids.end()) ids.push_back(d.drug_id);
  }
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + ids[i];
  return out;
}

std::string describe(const PlanDoseView& d) {
  return d.drug_id + " " + format_mg(d.dose_mg) + " mg at " + d.time.to_string();
}

// The drug the dose is of: the one named, else the only drug planned that day.
std::string which_drug(const JournalContext& ctx, const TakeRequest& request,
                       const std::vector<PlanDoseView>& planned) {
  if (request.drug) return ctx.catalog.drug(*request.drug, "drug").id;
  const std::string drugs = drug_list(planned);
  if (drugs.empty()) {
    throw ValidationError("drug", "nothing is planned on " + request.date.to_string() +
                                      "; name the drug of an extra dose");
  }
  if (drugs.find(',') != std::string::npos) {
    throw ValidationError("drug", "the plan has " + drugs + " on this day; say which");
  }
  return drugs;
}

// The same plausibility limit as a regimen's (regimen.hpp): far beyond any real dose.
void require_plausible_amount(const JournalContext& ctx, const TakeRequest& request,
                              const std::string& drug_id) {
  if (!request.dose_mg) return;
  const Drug& drug = ctx.catalog.drug(drug_id, "drug");
  if (*request.dose_mg > 4 * drug.max_daily_mg.value) {
    throw ValidationError("dose_mg", format_mg(*request.dose_mg) + " mg of " + drug.id +
                                         " is not a plausible dose; check the amount");
  }
}

// An extra dose answers no planned dose: it only needs its amount.
void log_extra(const TakeRequest& request, DoseLogEntry& entry) {
  if (!request.dose_mg || *request.dose_mg <= 0) {
    throw ValidationError("dose_mg", "an extra dose needs its amount, e.g. 0.5 mg");
  }
  entry.status = DoseStatus::kExtra;
  entry.dose_mg = *request.dose_mg;
  if (request.planned_time) {
    throw ValidationError("planned_time", "an extra dose answers no planned dose");
  }
}

// The planned dose of `drug_id` this log answers: the one at the planned time asked for, else the
// pending one nearest the time taken (or now), else the first pending one. One already logged is
// never answered twice.
const PlanDoseView& match_planned_dose(const JournalContext& ctx, const Person& person,
                                       const TakeRequest& request, const std::string& drug_id,
                                       const std::vector<PlanDoseView>& planned,
                                       const std::optional<TimeOfDay>& confirmed_time) {
  std::vector<const PlanDoseView*> candidates;
  for (const auto& d : planned) {
    if (d.drug_id == drug_id) candidates.push_back(&d);
  }
  if (candidates.empty()) {
    throw ValidationError("drug", "the plan has no " + drug_id + " dose on " +
                                      request.date.to_string() +
                                      "; log it as an extra dose if you took it");
  }
  // Already logged planned doses of the day.
  const auto logged = ctx.repo.doses(person.id, request.date, request.date);
  const auto is_logged = [&](const PlanDoseView& d) {
    return std::any_of(logged.begin(), logged.end(), [&](const DoseLogEntry& e) {
      return e.status != DoseStatus::kExtra && e.drug_id == d.drug_id && e.planned_time == d.time;
    });
  };
  const PlanDoseView* match = nullptr;
  if (request.planned_time) {
    for (const auto* d : candidates) {
      if (d->time == *request.planned_time) match = d;
    }
    if (!match) {
      throw ValidationError("planned_time", "no " + drug_id + " dose is planned at " +
                                                request.planned_time->to_string());
    }
    if (is_logged(*match)) {
      throw Conflict("the " + describe(*match) + " on " + request.date.to_string() +
                     " is already logged");
    }
    return *match;
  }
  const std::optional<TimeOfDay> when = request.time ? request.time : confirmed_time;
  int best = 1 << 30;
  for (const auto* d : candidates) {
    if (is_logged(*d)) continue;
    const int distance = when ? std::abs(d->time.minutes - when->minutes) : 0;
    if (!match || distance < best) {
      match = d;
      best = distance;
    }
  }
  if (!match) {
    throw Conflict("every planned " + drug_id + " dose on " + request.date.to_string() +
                   " is already logged; log another as an extra dose");
  }
  return *match;
}

// The status (taken, missed, different; by default taken, or different when the amount is not the
// planned one) and the amount it implies, checked against each other.
void log_against_plan(const TakeRequest& request, const PlanDoseView& match, DoseLogEntry& entry) {
  entry.planned_time = match.time;
  entry.planned_dose_mg = match.dose_mg;
  const DoseStatus status = request.status.value_or(
      request.dose_mg && !same_dose(*request.dose_mg, match.dose_mg) ? DoseStatus::kDifferent
                                                                     : DoseStatus::kTaken);
  entry.status = status;
  switch (status) {
    case DoseStatus::kTaken:
      if (request.dose_mg && !same_dose(*request.dose_mg, match.dose_mg)) {
        throw ValidationError("dose_mg", "the plan says " + describe(match) + ", not " +
                                             format_mg(*request.dose_mg) +
                                             " mg; log it as a different amount");
      }
      entry.dose_mg = match.dose_mg;
      break;
    case DoseStatus::kMissed:
      if (request.dose_mg && *request.dose_mg > 0) {
        throw ValidationError("dose_mg", "a missed dose has no amount");
      }
      if (request.time) throw ValidationError("time", "a missed dose has no time taken");
      entry.dose_mg = 0.0;
      break;
    case DoseStatus::kDifferent:
      if (!request.dose_mg) {
        throw ValidationError("dose_mg", "say how much you took, e.g. 0.25 mg");
      }
      if (same_dose(*request.dose_mg, match.dose_mg)) {
        throw ValidationError("dose_mg", "that is the planned amount; log it as taken");
      }
      entry.dose_mg = *request.dose_mg;
      break;
    case DoseStatus::kExtra:
      break;
  }
}

DoseLogEntry match_and_log(const JournalContext& ctx, const Person& person,
                           const TakeRequest& request) {
  require_not_future(ctx, request.date, "date");
  if (request.dose_mg && !(std::isfinite(*request.dose_mg) && *request.dose_mg >= 0)) {
    throw ValidationError("dose_mg", "expected an amount of 0 mg or more");
  }

  std::vector<PlanDoseView> planned;
  for (const auto& d : build_today(ctx.repo, person, request.date).doses) {
    planned.push_back(d.planned);
  }

  DoseLogEntry entry;
  entry.person_id = person.id;
  entry.date = request.date;
  entry.time = request.time;
  entry.note = request.note;
  entry.recorded_at = ctx.now_utc;
  entry.confirmed_at = ctx.now_local;
  // Confirmed today without a time: taken now, by the person's own clock (not at the planned
  // time, which would hide a dose taken early or late).
  const std::optional<TimeOfDay> confirmed_time = local_time_on(ctx, request.date);

  entry.drug_id = which_drug(ctx, request, planned);
  require_plausible_amount(ctx, request, entry.drug_id);
  if (request.status == DoseStatus::kExtra) {
    log_extra(request, entry);
  } else {
    log_against_plan(
        request, match_planned_dose(ctx, person, request, entry.drug_id, planned, confirmed_time),
        entry);
  }
  // A dose for an earlier day, confirmed without a time, is taken as planned (assumed).
  if (entry.status != DoseStatus::kMissed && !entry.time) {
    entry.time = confirmed_time ? confirmed_time : entry.planned_time;
  }
  entry.id = ctx.repo.add_dose(entry);
  return entry;
}

}  // namespace

DoseLogEntry take_dose(const JournalContext& ctx, const Person& person,
                       const TakeRequest& request) {
  DoseLogEntry entry;
  // What is already logged is read and added to in one transaction: two taps at once cannot log
  // one planned dose twice.
  ctx.repo.transaction([&] { entry = match_and_log(ctx, person, request); });
  return entry;
}

}  // namespace taperlab::journal
