// `taperlab status [--date D] [--db F] [--json]`: where the person stands: step, dose, days on
// the plan, symptom trend, latest decision, modelled adaptation remaining.
#include "journal/status.hpp"

#include <sstream>

#include "commands/commands.hpp"
#include "commands/journal_text.hpp"
#include "core/plan/plan.hpp"
#include "journal/pause.hpp"
#include "journal/people.hpp"
#include "journal_session.hpp"
#include "text_format.hpp"

namespace taperlab::cli {
namespace {

std::string status_text(const journal::StatusView& s) {
  std::ostringstream out;
  const journal::TodayView& t = s.today;
  out << "Status on " << t.date.to_string() << "\n";
  if (!t.plan) {
    out << (t.plan_start_date ? "Your plan starts on " + t.plan_start_date->to_string() + ".\n"
                              : std::string("No plan saved yet.\n"));
  } else {
    out << "Plan: version " << t.plan->version().version << " of " << s.plan_versions
        << ", started " << t.plan->view().start_date.to_string() << " (day " << s.days_on_plan + 1
        << ")";
    if (s.plan_end) out << ", last step from " << s.plan_end->to_string();
    out << ".\n";
    if (t.step) {
      out << "Step " << t.step->index << " of " << t.steps_total << ", day " << t.day_in_step
          << ": " << fixed(t.step->diazepam_equivalent_mg, 2) << " mg diazepam-equivalent a day";
      if (s.start_diazepam_equivalent_mg > 0) {
        out << " (" << percent(t.step->diazepam_equivalent_mg / s.start_diazepam_equivalent_mg, 0)
            << " of the starting " << fixed(s.start_diazepam_equivalent_mg, 2) << " mg)";
      }
      out << ".\n";
    }
    // The same words as `taperlab today`: what the pause means, how long, how it ends.
    if (t.pause) {
      for (const auto& line : journal::pause_words(*t.pause)) out << wrap(line);
    } else if (t.paused) {
      out << "Paused: see your prescriber or doctor before any further change.\n";
    }
    if (t.next_change_date) {
      out << "Next change: " << t.next_change_date->to_string() << " (in "
          << *t.days_to_next_change() << " days).\n";
    }
  }
  const auto& trend = s.trend;
  std::string symptoms = "Symptoms: ";
  if (trend.mean_last_7) {
    symptoms += "last 7 days " + percent(*trend.mean_last_7, 0) + " of the checklist maximum (" +
                std::to_string(trend.check_ins_last_7) + " check-ins)";
    if (trend.mean_previous_7) {
      symptoms += ", the 7 days before " + percent(*trend.mean_previous_7, 0);
    }
    symptoms += ": " + trend.direction + ".";
  } else {
    symptoms += "no check-ins in the last 7 days.";
  }
  out << wrap(symptoms);
  if (t.latest_decision) out << decision_text(*t.latest_decision);
  if (s.recovery) out << recovery_text(*s.recovery);
  if (s.model) {
    const auto& m = *s.model;
    std::string line = "Modelled adaptation remaining: " + percent(m.adaptation_remaining, 0);
    if (m.remaining_low && m.remaining_high) {
      line += " (80% band " + percent(*m.remaining_low, 0) + " to " +
              percent(*m.remaining_high, 0) + ")";
    }
    line += " of what your brain had adapted to at the start";
    if (m.remaining_at_plan_end) {
      line += "; about " + percent(*m.remaining_at_plan_end, 0) + " when the last step begins";
    }
    line += ". Source: " +
            std::string(m.personal ? "your own fitted model (" +
                                         std::to_string(m.fit->observations) + " check-ins)"
                                   : "the population model (your own fit needs 14 days of "
                                     "check-ins)") +
            ". Healing continues for months after the last dose; this is a model, not a "
            "measurement.";
    out << wrap(line);
    if (!m.forecast.empty()) {
      // Every two weeks, so that a long plan still fits on a screen (at most 13 rows).
      const std::size_t stride = std::max<std::size_t>(14, (m.forecast.size() / 13 + 13) / 14 * 14);
      std::vector<std::vector<std::string>> rows;
      const auto band = [](const adapt::ForecastBand& b, int digits) {
        return fixed(b.median, digits) + " (" + fixed(b.low, digits) + "-" + fixed(b.high, digits) +
               ")";
      };
      for (std::size_t i = 0; i < m.forecast.size(); i += stride) {
        const auto& d = m.forecast[i];
        rows.push_back(
            {m.forecast_from.plus_days(static_cast<int>(i)).to_string(), band(d.withdrawal, 4),
             percent(d.symptom_share.median, 0) + " (" + percent(d.symptom_share.low, 0) + "-" +
                 percent(d.symptom_share.high, 0) + ")",
             percent(d.adaptation_remaining.median, 0)});
      }
      out << "Your model's forecast for the rest of the plan (median and 80% band):\n"
          << text_table({"date", "withdrawal pressure", "symptom score", "adaptation left"}, rows);
    }
  }
  out << kDraftNotice << "\n";
  return out.str();
}

void run_status(CliContext& ctx, const JournalArgs& a) {
  JournalSession session(ctx, a);
  const Person person = journal::require_person(session.repo());
  const auto status = journal::build_status(session.context(), person, session.date());
  if (a.json) {
    ctx.out() << journal::to_json(status).dump(2) << "\n";
    return;
  }
  ctx.out() << status_text(status);
}

}  // namespace

void add_status_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("status", "where you stand: step, dose, symptoms, adaptation");
  auto a = std::make_shared<JournalArgs>();
  add_journal_options(cmd, *a, true);
  cmd->callback([&ctx, a] { run_status(ctx, *a); });
}

}  // namespace taperlab::cli
