#include "journal_session.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "core/error.hpp"
#include "store/sqlite/open.hpp"

namespace taperlab::cli {
namespace {

CivilDate local_today() {
  if (const char* fixed = std::getenv("TAPERLAB_TODAY"); fixed && *fixed) {
    return parse_civil_date(fixed, "TAPERLAB_TODAY");
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  const std::chrono::year_month_day ymd{std::chrono::year{local.tm_year + 1900},
                                        std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
                                        std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
  return CivilDate{std::chrono::sys_days{ymd}};
}

std::string now_utc() {
  if (const char* fixed = std::getenv("TAPERLAB_NOW"); fixed && *fixed) return fixed;
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace

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
  const CivilDate today = local_today();
  date_ = args.date.empty() ? today : parse_civil_date(args.date, "--date");
  const std::filesystem::path file =
      args.db.empty() ? default_db_path() : std::filesystem::path(args.db);
  repo_ = store::open_sqlite_repository(file);
  context_ = std::make_unique<journal::JournalContext>(journal::JournalContext{
      cli.catalog(), cli.instruments(), cli.crisis_directory(), *repo_, today, now_utc()});
}

JournalSession::~JournalSession() = default;

}  // namespace taperlab::cli
