#include "commands/journal_text.hpp"

#include <sstream>

#include "core/plan/plan.hpp"
#include "text_format.hpp"

namespace taperlab::cli {
namespace {

std::string dose_state(const journal::TodayDose& dose) {
  if (!dose.logged) return "not logged yet";
  const DoseLogEntry& e = *dose.logged;
  const std::string at = e.time ? " at " + e.time->to_string() : "";
  switch (e.status) {
    case DoseStatus::kTaken:
      return "taken" + at;
    case DoseStatus::kMissed:
      return "missed";
    case DoseStatus::kDifferent:
      return "took " + format_mg(e.dose_mg) + " mg" + at;
    case DoseStatus::kExtra:
      return "extra";
  }
  return "";
}

std::string step_kind_words(const std::string& kind) {
  if (kind == "cut") return "a reduction";
  if (kind == "crossover") return "a crossover step";
  if (kind == "stop") return "no more doses";
  if (kind == "maintenance") return "the dose you keep";
  return kind;
}

std::string since_text(const RecoveryClock& clock) {
  const std::string days = std::to_string(clock.days_since);
  const std::string weeks = std::to_string(clock.weeks_since);
  return days + (clock.days_since == 1 ? " day" : " days") + " (" + weeks +
         (clock.weeks_since == 1 ? " week" : " weeks") + ") since your last dose on " +
         clock.last_dose.to_string();
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

// The monthly check-ups due today, in words; empty when none is.
std::string checkups_text(const RecoveryCheckups& c) {
  std::vector<std::string> due;
  if (c.phq9_due) due.push_back("PHQ-9 (`taperlab questionnaire phq9`)");
  if (c.gad7_due) due.push_back("GAD-7 (`taperlab questionnaire gad7`)");
  if (c.cognition_due) due.push_back("a memory and attention session (in the web app)");
  if (due.empty()) return "";
  return wrap("Due this month: " + joined(due) +
              ". After the last dose these are suggested every " +
              std::to_string(kRecoveryCheckupDays) + " days, to follow your recovery.");
}

std::string recovery_today_text(const journal::TodayView& today) {
  const RecoveryToday& r = *today.recovery;
  std::ostringstream out;
  out << wrap(
      "You have stopped. Your body and brain keep recovering for months after the last "
      "dose; symptoms can come and go in that time. Keep checking in: a lighter check-in "
      "now, with the symptoms that remain, sleep and mood.");
  out << wrap(r.remaining_symptoms.empty()
                  ? std::string("Symptoms to rate: all of the checklist (none rated above 0 in "
                                "the last 4 weeks of your taper or since).")
                  : "Symptoms that remain (rated above 0 in the last 4 weeks of your taper or "
                    "since): " +
                        joined(r.remaining_symptoms) + ".");
  out << checkups_text(r.checkups);
  return out.str();
}

}  // namespace

std::string recovery_text(const journal::RecoveryView& v) {
  std::ostringstream out;
  out << "Recovery: " << since_text(v.today.clock) << ".\n";
  const auto& base = v.baseline.baseline;
  const auto& now = v.baseline.recovery;
  std::vector<std::vector<std::string>> rows;
  const auto share = [](const journal::RecoveryMeasures& m) {
    return m.symptom_share
               ? percent(*m.symptom_share, 0) + " (" + std::to_string(m.check_ins) + " check-ins)"
               : std::string("-");
  };
  rows.push_back({"symptom score", share(base), share(now)});
  const auto answer = [](const std::optional<journal::QuestionnaireValue>& q) {
    return q ? std::to_string(q->total) + " (" + q->date.to_string() + ")" : std::string("-");
  };
  rows.push_back({"PHQ-9", answer(base.phq9), answer(now.phq9)});
  rows.push_back({"GAD-7", answer(base.gad7), answer(now.gad7)});
  for (const auto& b : base.cognition) {
    std::string latest = "-";
    for (const auto& c : now.cognition) {
      if (c.test_id == b.test_id && c.device == b.device) {
        latest = fixed(c.score, 2) + " (" + c.date.to_string() + ")";
      }
    }
    rows.push_back({b.test_id + " (" + b.device + ")", fixed(b.score, 2), latest});
  }
  out << wrap("Against your own baseline (" + v.baseline.from.to_string() + " to " +
              v.baseline.to.to_string() +
              ": 4 weeks before your plan to the end of its first 2 weeks). Symptom score: the "
              "mean share of the checklist maximum; since the last dose: the 28 days up to the "
              "latest check-in.")
      << text_table({"measure", "baseline", "since the last dose"}, rows);
  std::string model = "Modelled adaptation remaining";
  if (v.adaptation_remaining_today) {
    const auto& r = *v.adaptation_remaining_today;
    model += ": " + percent(r.median, 0) + " (80% band " + percent(r.low, 0) + " to " +
             percent(r.high, 0) + ")";
  }
  model += ". Source: " +
           std::string(v.personal_model ? "your own fitted model (" +
                                              std::to_string(v.fit_observations) + " check-ins)"
                                        : "the population model, its band the spread between "
                                          "people") +
           ". This is a model, not a measurement.";
  out << wrap(model);
  if (!v.curve.empty()) {
    std::vector<std::vector<std::string>> curve_rows;
    for (int month : {1, 2, 3, 6, 9, 12}) {
      const std::size_t i = static_cast<std::size_t>(month * 30);
      if (i >= v.curve.size()) break;
      const auto& d = v.curve[i];
      curve_rows.push_back({d.date.to_string(), std::to_string(month),
                            percent(d.adaptation_remaining.median, 0) + " (" +
                                percent(d.adaptation_remaining.low, 0) + "-" +
                                percent(d.adaptation_remaining.high, 0) + ")"});
    }
    out << "Adaptation left after the last dose (median and 80% band):\n"
        << text_table({"date", "months", "adaptation left"}, curve_rows);
  }
  if (v.expected_share_high) {
    out << wrap("The model expects your symptom score to be at most " +
                percent(*v.expected_share_high, 0) +
                " by now (the upper end of its 80% band over the last 7 days).");
  }
  for (const auto& c : v.concerns) out << wrap("Please note: " + c.message);
  if (!v.concerns.empty()) {
    out << wrap(kRecoveryHelpText) << "Emergency and crisis numbers: `taperlab help-now`.\n";
  }
  out << checkups_text(v.today.checkups);
  return out.str();
}

std::string decision_text(const Decision& decision) {
  return wrap("Decision of " + decision.date.to_string() + ": " + to_string(decision.kind) + ". " +
              decision.reason);
}

std::string today_text(const journal::TodayView& today, const Catalog& catalog,
                       std::optional<CivilDate> review,
                       const std::vector<RecoveryConcern>& concerns) {
  std::ostringstream out;
  out << "Today, " << today.date.weekday_short() << " " << today.date.to_string();
  if (today.step) {
    out << ": step " << today.step->index << " of " << today.steps_total << " ("
        << step_kind_words(today.step->kind) << "), day " << today.day_in_step;
    if (today.step->duration_days > 0) out << " of " << today.step->duration_days;
    out << ".\n";
  } else if (today.recovery) {
    out << ": " << since_text(today.recovery->clock) << ".\n";
  } else if (today.plan_start_date) {
    out << ": your plan starts on " << today.plan_start_date->to_string() << " (in "
        << today.date.days_until(*today.plan_start_date) << " days). Until then:\n";
  } else if (!today.plan) {
    out << ": no plan saved yet; your current regimen:\n";
  } else {
    out << ".\n";
  }
  if (today.pause) {
    // What the pause means, how long it lasts and how it ends (`taperlab resume`).
    for (const auto& line : journal::pause_words(*today.pause)) out << wrap(line);
  }
  if (today.recovery) {
    out << recovery_today_text(today);
  } else if (today.doses.empty()) {
    out << (today.step && today.step->kind == "stop"
                ? "Nothing to take: you have stopped. Symptoms can come and go for a while; keep "
                  "checking in.\n"
                : "Nothing to take.\n");
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : today.doses) {
      const Drug* drug = catalog.find_drug(d.planned.drug_id);
      rows.push_back({d.planned.time.to_string(),
                      (drug ? drug->generic_name : d.planned.drug_id) + " " +
                          format_mg(d.planned.dose_mg) + " mg",
                      d.planned.units, dose_state(d)});
    }
    out << text_table({"time", "dose", "units", "logged"}, rows);
    // Clock changes on the person's own clock (io/time_zone.hpp decides when such a dose is due).
    for (const auto& d : today.doses) {
      const std::string planned = d.planned.time.to_string();
      if (d.clock_change == "skipped") {
        out << wrap("The clocks go forward today, so " + planned + " does not exist: take the " +
                    planned + " dose at " + d.due_time.to_string() + ".");
      } else if (d.clock_change == "repeated") {
        out << wrap("The clocks go back today, so " + planned + " happens twice: take the " +
                    planned + " dose the first time.");
      }
    }
  }
  for (const auto& e : today.unplanned) {
    out << "Also logged: " << to_string(e.status) << " " << e.drug_id << " " << format_mg(e.dose_mg)
        << " mg" << (e.time ? " at " + e.time->to_string() : "") << ".\n";
  }
  if (today.step) {
    out << "Daily dose: " << fixed(today.step->diazepam_equivalent_mg, 2)
        << " mg diazepam-equivalent.\n";
  }
  if (today.next_change_date && today.next_step) {
    const int days = *today.days_to_next_change();
    out << "Next change: " << today.next_change_date->weekday_short() << " "
        << today.next_change_date->to_string() << " (in " << days << (days == 1 ? " day" : " days")
        << "): step " << today.next_step->index << ", "
        << (today.next_step->kind == "stop" ? std::string("no more doses")
                                            : fixed(today.next_step->diazepam_equivalent_mg, 2) +
                                                  " mg diazepam-equivalent a day")
        << ".\n";
  }
  if (review && *review >= today.date) {
    out << (*review == today.date
                ? std::string(
                      "Your plan is reviewed today: please check in (`taperlab checkin`).\n")
                : "Your plan is reviewed on " + review->to_string() +
                      ": please check in that day (`taperlab checkin`).\n");
  }
  if (today.latest_decision) out << decision_text(*today.latest_decision);
  for (const auto& c : concerns) out << wrap("Please note: " + c.message);
  if (!concerns.empty()) {
    out << wrap(kRecoveryHelpText) << "Emergency and crisis numbers: `taperlab help-now`.\n";
  }
  // The plan's findings were about the taper; after the last dose they are history.
  if (today.plan && !today.recovery) {
    for (const auto& finding : today.plan->view().findings) out << wrap("Note: " + finding);
  }
  out << kDraftNotice << "\n";
  return out.str();
}

}  // namespace taperlab::cli
