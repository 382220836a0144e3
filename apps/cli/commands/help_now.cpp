// `taperlab help-now [--country CODE] [--db F]`: the emergency number and crisis lines, whenever a
// person looks for them. The country is --country, else the journal's person's, else the default
// entry; a journal that cannot be read never stops the numbers from being printed.
#include <filesystem>

#include "commands/commands.hpp"
#include "core/instruments/crisis_message.hpp"
#include "journal_session.hpp"
#include "store/sqlite/open.hpp"

namespace taperlab::cli {
namespace {

struct HelpNowArgs {
  std::string country;
  std::string db;
};

// The journal person's country, or "" when there is no journal (none is created here).
std::string journal_country(const std::string& db) {
  const std::filesystem::path file = db.empty() ? default_db_path() : std::filesystem::path(db);
  std::error_code ignored;
  if (!std::filesystem::exists(file, ignored)) return "";
  try {
    const auto repo = store::open_sqlite_repository(file);
    const auto people = repo->people();
    return people.empty() ? "" : people.front().profile.country;
  } catch (const std::exception&) {
    return "";  // the default entry's numbers are still help
  }
}

}  // namespace

void add_help_now_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("help-now", "emergency and crisis-line numbers, at any time");
  auto a = std::make_shared<HelpNowArgs>();
  cmd->add_option("--country", a->country,
                  "two-letter country code (default: the journal's, else general advice)");
  cmd->add_option("--db", a->db, "journal database whose country to use");
  cmd->callback([&ctx, a] {
    const std::string country = a->country.empty() ? journal_country(a->db) : a->country;
    ctx.out() << help_now_message(ctx.crisis_directory(), country);
  });
}

}  // namespace taperlab::cli
