#include "journal_session.hpp"

#include <cctype>
#include <cstdlib>
#include <iostream>

#include "core/base/error.hpp"
#include "io/clock.hpp"
#include "store/open_repository.hpp"

namespace taperlab::cli {

void add_journal_options(CLI::App* cmd, JournalArgs& args, bool with_date, bool with_json) {
  cmd->add_option("--db", args.db, db_option_help());
  if (with_date) cmd->add_option("--date", args.date, "the day, YYYY-MM-DD (default today)");
  if (with_json) cmd->add_flag("--json", args.json, "print JSON instead of text");
}

std::string db_option_help() {
  return "journal database: a SQLite file (default " + default_db_path().string() +
         ") or a postgresql://HOST/DB URL, its password in PGPASSFILE or PGPASSWORD";
}

std::string journal_db(const std::string& db) {
  return db.empty() ? default_db_path().string() : db;
}

void warn_if_password_in(const std::string& db) {
  if (!store::has_password(db)) return;
  // The command line is readable by every user of the machine (ps, /proc/PID/cmdline): main()
  // blanks the password there at once (hidden_passwords.hpp), but not before the process starts,
  // and shell histories keep it.
  std::cerr << "warning: the --db URL holds a password, which others on this machine can read in "
               "the process list as the command starts; keep it in PGPASSFILE (~/.pgpass) or "
               "PGPASSWORD instead\n";
}

std::filesystem::path default_db_path() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::filesystem::path(xdg) / "taperlab" / "taperlab.db";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "taperlab" /
         "taperlab.db";
}

std::string journal_country(const std::string& db) {
  const std::string target = journal_db(db);
  std::error_code ignored;
  if (!store::is_postgres_url(target) && !std::filesystem::exists(target, ignored)) return "";
  try {
    const auto repo = store::open_repository(target);
    const auto people = repo->people();
    return people.empty() ? "" : people.front().profile.country;
  } catch (const std::exception&) {
    return "";
  }
}

std::string locale_country() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    // language[_TERRITORY][.codeset][@modifier]
    const std::string locale = value;
    const auto underscore = locale.find('_');
    if (underscore == std::string::npos) return "";
    std::string territory;
    for (std::size_t i = underscore + 1;
         i < locale.size() && std::isalpha(static_cast<unsigned char>(locale[i])); ++i) {
      territory += static_cast<char>(std::toupper(static_cast<unsigned char>(locale[i])));
    }
    return territory.size() == 2 ? territory : "";
  }
  return "";
}

JournalSession::JournalSession(CliContext& cli, const JournalArgs& args,
                               const std::optional<std::string>& time_zone) {
  warn_if_password_in(args.db);
  repo_ = store::open_repository(journal_db(args.db));
  if (time_zone) {
    time_zone_ = *time_zone;
  } else {
    const auto people = repo_->people();
    time_zone_ = io::effective_time_zone(people.empty() ? "" : people.front().time_zone);
  }
  const io::LocalDateTime now = io::local_now(time_zone_, "--tz");
  const CivilDate today = now.date;
  date_ = args.date.empty() ? today : parse_civil_date(args.date, "--date");
  context_ = std::make_unique<journal::JournalContext>(
      journal::JournalContext{cli.catalog(), cli.instruments(), cli.crisis_directory(), *repo_,
                              today, io::now_utc(), now.rfc3339()});
}

JournalSession::~JournalSession() = default;

}  // namespace taperlab::cli
