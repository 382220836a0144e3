// `taperlab resume --reason TEXT [--by person|clinician] [--date YYYY-MM-DD] [--db FILE] [--json]`:
// ends a pause after an urgent decision (journal/resume.hpp). Refused, with the reason, until a
// check-in on a later day reports no seizure, confusion, hallucinations or thoughts of self-harm.
#include "journal/resume.hpp"

#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "commands/journal_text.hpp"
#include "core/journal/records_json.hpp"
#include "journal/people.hpp"
#include "journal_session.hpp"
#include "text_format.hpp"

namespace taperlab::cli {
namespace {

struct ResumeArgs {
  JournalArgs journal;
  std::string by = "person";
  std::string reason;
};

void run_resume(CliContext& ctx, const ResumeArgs& a) {
  JournalSession session(ctx, a.journal);
  const Person person = journal::require_person(session.repo());
  journal::ResumeRequest request;
  request.date = session.date();
  request.by = journal::parse_resumed_by(a.by, "--by");
  request.reason = a.reason;
  const journal::ResumeResult r = journal::resume_plan(session.context(), person, request);
  if (a.journal.json) {
    ctx.out() << nlohmann::json{{"decision", to_json(r.decision)},
                                {"new_plan_version", r.new_version
                                                         ? nlohmann::json(r.new_version->version)
                                                         : nlohmann::json()},
                                {"plan_change", r.plan_change}}
                     .dump(2)
              << "\n";
    return;
  }
  auto& out = ctx.out();
  out << decision_text(r.decision);
  if (r.new_version) {
    out << wrap("Plan version " + std::to_string(r.new_version->version) + " from " +
                r.new_version->effective_from.to_string() + ": " + r.plan_change);
  } else {
    out << wrap(r.plan_change);
  }
  out << wrap(
      "If a seizure, confusion, hallucinations or thoughts of harming yourself come back, get help "
      "now (`taperlab help-now`) and check in: the plan pauses again.");
}

}  // namespace

void add_resume_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand(
      "resume", "resume a paused plan after a check-in without red flags (you or your clinician)");
  auto a = std::make_shared<ResumeArgs>();
  add_journal_options(cmd, a->journal, true);
  cmd->add_option("--by", a->by, "who resumes it: person (you, the default) or clinician");
  cmd->add_option("--reason", a->reason, "why it resumes, e.g. what your prescriber advised")
      ->required();
  cmd->callback([&ctx, a] { run_resume(ctx, *a); });
}

}  // namespace taperlab::cli
