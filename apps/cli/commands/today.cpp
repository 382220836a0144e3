// `taperlab today [--date YYYY-MM-DD] [--db FILE] [--json]`: what to take today and when, in real
// units; which step; how many days to the next change; the latest decision.
#include "journal/today.hpp"

#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "commands/journal_text.hpp"
#include "journal/decisions.hpp"
#include "journal/people.hpp"
#include "journal/recovery.hpp"
#include "journal_session.hpp"

namespace taperlab::cli {
namespace {

void run_today(CliContext& ctx, const JournalArgs& a) {
  JournalSession session(ctx, a);
  const Person person = journal::require_person(session.repo());
  const journal::TodayView today = journal::build_today(session.repo(), person, session.date());
  const auto review = journal::next_review_date(today, ctx.catalog());
  if (a.json) {
    nlohmann::json out = nlohmann::json::parse(journal::today_json_text(today));
    out["next_review"] = review ? nlohmann::json(review->to_string()) : nlohmann::json(nullptr);
    ctx.out() << out.dump(2) << "\n";
    return;
  }
  // After the last dose: anything that persists or returns beyond the model's expectation.
  std::vector<RecoveryConcern> concerns;
  if (today.recovery) {
    if (const auto r = journal::build_recovery(session.context(), person, session.date())) {
      concerns = r->concerns;
    }
  }
  ctx.out() << today_text(today, ctx.catalog(), review, concerns);
}

}  // namespace

void add_today_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("today", "what to take today, and where you are in the plan");
  auto a = std::make_shared<JournalArgs>();
  add_journal_options(cmd, *a, true);
  cmd->callback([&ctx, a] { run_today(ctx, *a); });
}

}  // namespace taperlab::cli
