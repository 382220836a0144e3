// `taperlab export [--format json|csv|fhir] [--out FILE] [--db FILE]`: everything the person has
// stored: JSON to keep or move (`taperlab import` reads it back), one CSV row per day, or a FHIR
// R4 Bundle for a clinic's health record (journal/fhir_export.hpp).
#include <fstream>

#include "commands/commands.hpp"
#include "core/base/error.hpp"
#include "io/data_dir.hpp"
#include "journal/export_import.hpp"
#include "journal/fhir_export.hpp"
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
  if (a.format != "json" && a.format != "csv" && a.format != "fhir") {
    throw ValidationError("--format", "expected json, csv or fhir, got '" + a.format + "'");
  }
  JournalSession session(ctx, a.journal);
  const Person person = journal::require_person(session.repo());
  std::string text;
  if (a.format == "json") {
    text = journal::export_json(session.repo(), person.id).dump(2) + "\n";
  } else if (a.format == "csv") {
    text = journal::export_csv(session.repo(), person.id);
  } else {
    const auto& codes =
        journal::medication_codes(ctx.data_dir.empty() ? io::default_data_dir() : ctx.data_dir);
    text = journal::export_fhir(session.repo(), person.id, ctx.instruments(), codes,
                                session.today(), session.context().now_utc)
               .dump(2) +
           "\n";
  }
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
  auto* cmd =
      app.add_subcommand("export", "everything you have stored, as JSON, CSV or a FHIR R4 Bundle");
  auto a = std::make_shared<ExportArgs>();
  add_journal_options(cmd, a->journal, false, false);
  cmd->add_option("--format", a->format, "json, csv or fhir (a FHIR R4 Bundle for a health record)")
      ->capture_default_str();
  cmd->add_option("--out", a->out, "write to this file instead of the screen");
  cmd->callback([&ctx, a] { run_export(ctx, *a); });
}

}  // namespace taperlab::cli
