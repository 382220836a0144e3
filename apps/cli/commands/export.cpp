// `taperlab export [--format json|csv] [--out FILE] [--db FILE]`: everything the person has
// stored: JSON to keep or move (`taperlab import` reads it back), or one CSV row per day.
#include <fstream>

#include "commands/commands.hpp"
#include "core/base/error.hpp"
#include "journal/export_import.hpp"
#include "journal/people.hpp"
#include "journal_session.hpp"

namespace taperlab::cli {
namespace {

struct ExportArgs {
  JournalArgs journal;
  std::string format = "json";
  std::string out;
};

void run_export(CliContext& ctx, const ExportArgs& a) {
  if (a.format != "json" && a.format != "csv") {
    throw ValidationError("--format", "expected json or csv, got '" + a.format + "'");
  }
  JournalSession session(ctx, a.journal);
  const Person person = journal::require_person(session.repo());
  const std::string text = a.format == "json"
                               ? journal::export_json(session.repo(), person.id).dump(2) + "\n"
                               : journal::export_csv(session.repo(), person.id);
  if (a.out.empty()) {
    ctx.out() << text;
    return;
  }
  std::ofstream file(a.out, std::ios::binary);
  if (!file || !(file << text) || !file.flush()) {
    throw ValidationError("--out", "cannot write '" + a.out + "'");
  }
  ctx.out() << "Exported to " << a.out << ". It holds health information: keep it private.\n";
}

}  // namespace

void add_export_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("export", "everything you have stored, as JSON or CSV");
  auto a = std::make_shared<ExportArgs>();
  add_journal_options(cmd, a->journal, false, false);
  cmd->add_option("--format", a->format, "json or csv")->capture_default_str();
  cmd->add_option("--out", a->out, "write to this file instead of the screen");
  cmd->callback([&ctx, a] { run_export(ctx, *a); });
}

}  // namespace taperlab::cli
