// `taperlab take [--time HH:MM] [--dose MG] [--drug NAME] [--status taken|missed|extra|different]
// [--planned-time HH:MM] [--note TEXT] [--date YYYY-MM-DD] [--db FILE] [--json]`: logs a dose.
// With no options it confirms the next planned dose of the day as taken.
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "core/journal/records_json.hpp"
#include "journal/dose_logging.hpp"
#include "journal/people.hpp"
#include "journal_session.hpp"

namespace taperlab::cli {
namespace {

struct TakeArgs {
  JournalArgs journal;
  std::string time;
  std::string planned_time;
  std::string dose;
  std::string drug;
  std::string status;
  std::string note;
};

void run_take(CliContext& ctx, const TakeArgs& a) {
  JournalSession session(ctx, a.journal);
  const Person person = journal::require_person(session.repo());
  journal::TakeRequest request;
  request.date = session.date();
  if (!a.time.empty()) request.time = parse_time_of_day(a.time, "--time");
  if (!a.planned_time.empty()) {
    request.planned_time = parse_time_of_day(a.planned_time, "--planned-time");
  }
  if (!a.dose.empty()) request.dose_mg = parse_amount_mg(a.dose, "--dose");
  if (!a.drug.empty()) request.drug = a.drug;
  if (!a.status.empty()) {
    request.status = parse_dose_status(a.status == "planned" ? "taken" : a.status, "--status");
  }
  request.note = a.note;
  const DoseLogEntry entry = journal::take_dose(session.context(), person, request);
  if (a.journal.json) {
    ctx.out() << to_json(entry).dump(2) << "\n";
    return;
  }
  const Drug& drug = ctx.catalog().drug(entry.drug_id);
  ctx.out() << "Logged for " << entry.date.to_string() << ": ";
  switch (entry.status) {
    case DoseStatus::kTaken:
      ctx.out() << drug.generic_name << " " << format_mg(entry.dose_mg) << " mg taken"
                << (entry.time ? " at " + entry.time->to_string() : "") << " (the "
                << entry.planned_time->to_string() << " dose, as planned).\n";
      break;
    case DoseStatus::kDifferent:
      ctx.out() << drug.generic_name << " " << format_mg(entry.dose_mg) << " mg taken"
                << (entry.time ? " at " + entry.time->to_string() : "") << " instead of the "
                << format_mg(*entry.planned_dose_mg) << " mg planned at "
                << entry.planned_time->to_string() << ".\n";
      break;
    case DoseStatus::kMissed:
      ctx.out() << "the " << entry.planned_time->to_string() << " dose of " << drug.generic_name
                << " (" << format_mg(*entry.planned_dose_mg)
                << " mg) was missed. A missed dose is data, not a failure; do not double the "
                   "next one.\n";
      break;
    case DoseStatus::kExtra:
      ctx.out() << "an extra " << format_mg(entry.dose_mg) << " mg of " << drug.generic_name
                << (entry.time ? " at " + entry.time->to_string() : "")
                << ". Extra doses are data, not a failure; if you need them often, tell your "
                   "prescriber.\n";
      break;
  }
}

}  // namespace

void add_take_command(CLI::App& app, CliContext& ctx) {
  auto* cmd =
      app.add_subcommand("take", "log a dose: taken as planned, missed, extra or different");
  auto a = std::make_shared<TakeArgs>();
  add_journal_options(cmd, a->journal, true);
  cmd->add_option("--time", a->time,
                  "when you took it, HH:MM (default: now by your clock; for an earlier day, "
                  "the planned time)");
  cmd->add_option("--planned-time", a->planned_time, "which planned dose this is, HH:MM");
  cmd->add_option("--dose", a->dose, "the amount taken, e.g. 0.25mg (default: as planned)");
  cmd->add_option("--drug", a->drug, "the drug (default: the day's only drug)");
  cmd->add_option("--status", a->status, "taken (or planned), missed, extra or different");
  cmd->add_option("--note", a->note, "a short note");
  cmd->callback([&ctx, a] { run_take(ctx, *a); });
}

}  // namespace taperlab::cli
