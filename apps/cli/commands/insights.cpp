// `taperlab insights [--date D] [--db F] [--json]`: symptom, sleep and mood trends against the
// dose line, questionnaire trends, and habits against next-day symptoms, worded as associations.
#include "journal/insights.hpp"

#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "core/insight/insight_summary.hpp"
#include "journal/people.hpp"
#include "journal_session.hpp"
#include "report/insights_report.hpp"

namespace taperlab::cli {
namespace {

void run_insights(CliContext& ctx, const JournalArgs& a) {
  JournalSession session(ctx, a);
  const Person person = journal::require_person(session.repo());
  const auto summary = journal::journal_insights(session.repo(), person, session.date());
  if (a.json) {
    ctx.out() << report::insights_json(summary).dump(2) << "\n";
    return;
  }
  ctx.out() << report::insights_text(summary);
}

}  // namespace

void add_insights_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("insights", "trends and habit associations from your journal");
  auto a = std::make_shared<JournalArgs>();
  add_journal_options(cmd, *a, true);
  cmd->callback([&ctx, a] { run_insights(ctx, *a); });
}

}  // namespace taperlab::cli
