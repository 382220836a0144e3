#include "journal_session.hpp"

#include <cstdlib>

#include "core/error.hpp"
#include "io/clock.hpp"
#include "store/sqlite/open.hpp"

namespace taperlab::cli {

void add_journal_options(CLI::App* cmd, JournalArgs& args, bool with_date, bool with_json) {
  cmd->add_option("--db", args.db,
                  "journal database file (default " + default_db_path().string() + ")");
  if (with_date) cmd->add_option("--date", args.date, "the day, YYYY-MM-DD (default today)");
  if (with_json) cmd->add_flag("--json", args.json, "print JSON instead of text");
}

std::filesystem::path default_db_path() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "taperlab" / "taperlab.db";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "taperlab" /
         "taperlab.db";
}

JournalSession::JournalSession(CliContext& cli, const JournalArgs& args) {
  const CivilDate today = io::local_today();
  date_ = args.date.empty() ? today : parse_civil_date(args.date, "--date");
  const std::filesystem::path file =
      args.db.empty() ? default_db_path() : std::filesystem::path(args.db);
  repo_ = store::open_sqlite_repository(file);
  context_ = std::make_unique<journal::JournalContext>(journal::JournalContext{
      cli.catalog(), cli.instruments(), cli.crisis_directory(), *repo_, today, io::now_utc()});
}

JournalSession::~JournalSession() = default;

}  // namespace taperlab::cli
