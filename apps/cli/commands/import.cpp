// `taperlab import FILE [--db FILE]`: reads a `taperlab export --format json` document into a
// database that has no journal yet. All or nothing: a bad document changes nothing.
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "core/base/error.hpp"
#include "io/data_dir.hpp"
#include "journal/export_import.hpp"
#include "journal_session.hpp"

namespace taperlab::cli {
namespace {

struct ImportArgs {
  JournalArgs journal;
  std::string file;
};

void run_import(CliContext& ctx, const ImportArgs& a) {
  const nlohmann::json doc = io::read_json_file(a.file, "FILE");
  JournalSession session(ctx, a.journal);
  // Drugs in the document must be ones this taperlab knows: checked with every other field. Its
  // errors name the file and the field ("export.json: check_ins[3].sleep.quality").
  try {
    journal::import_json(session.repo(), ctx.catalog(), doc, session.date());
  } catch (const ValidationError& e) {
    throw io::file_error(e, a.file, "FILE");
  } catch (const Conflict&) {
    throw Conflict("this database already has a journal; import into a new --db file");
  }
  const auto count = [&](const char* key) {
    return doc.contains(key) && doc.at(key).is_array() ? doc.at(key).size() : 0;
  };
  ctx.out() << "Imported " << count("check_ins") << " check-ins, " << count("doses")
            << " dose log entries, " << count("plan_versions") << " plan versions, "
            << count("questionnaire_responses") << " questionnaires and " << count("decisions")
            << " decisions.\n";
}

}  // namespace

void add_import_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("import", "read an exported JSON journal into a new database");
  auto a = std::make_shared<ImportArgs>();
  cmd->add_option("FILE", a->file, "the export file (JSON)")->required();
  add_journal_options(cmd, a->journal, false, false);
  cmd->callback([&ctx, a] { run_import(ctx, *a); });
}

}  // namespace taperlab::cli
