#pragma once

// What the journal commands share: the --db and --date options, opening the store, and the clock
// (only here, at the edge). "Today" is the date on the journal person's own wall clock (their time
// zone; the machine's when none is stored yet). TAPERLAB_TODAY=YYYY-MM-DD and
// TAPERLAB_NOW=YYYY-MM-DDTHH:MM:SSZ (UTC) override the clock so that scripted tests and demos are
// reproducible.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "cli_context.hpp"
#include "journal/journal_context.hpp"

namespace taperlab::cli {

struct JournalArgs {
  std::string db;
  std::string date;
  bool json = false;
};

// --db always; --date when the command records or reads a day; --json for machine output.
void add_journal_options(CLI::App* cmd, JournalArgs& args, bool with_date, bool with_json = true);

// ~/.local/share/taperlab/taperlab.db (XDG_DATA_HOME respected).
std::filesystem::path default_db_path();

// What --db opens: the value given (a SQLite file or a postgresql:// URL), else default_db_path().
std::string journal_db(const std::string& db);
// The --db option's help text, for every command that takes one.
std::string db_option_help();
// Warns on stderr when a --db URL holds a password (readable in the process list); never prints
// the URL.
void warn_if_password_in(const std::string& db);

// The journal person's country, or "" when there is no journal or it cannot be read (none is
// created here).
std::string journal_country(const std::string& db);

// The country of the system locale (LC_ALL, else LC_MESSAGES, else LANG: "en_GB.UTF-8" -> "GB"),
// or "" for the C/POSIX locale or none.
std::string locale_country();

class JournalSession {
 public:
  // `time_zone`: the zone to date this session by instead of the stored one (init --tz), already
  // checked by the caller.
  JournalSession(CliContext& cli, const JournalArgs& args,
                 const std::optional<std::string>& time_zone = std::nullopt);
  ~JournalSession();

  [[nodiscard]] const journal::JournalContext& context() const { return *context_; }
  [[nodiscard]] store::Repository& repo() { return *repo_; }
  [[nodiscard]] CivilDate date() const { return date_; }  // --date, else today
  [[nodiscard]] CivilDate today() const { return context_->today; }
  // The zone the session is dated by (an IANA name).
  [[nodiscard]] const std::string& time_zone() const { return time_zone_; }

 private:
  std::unique_ptr<store::Repository> repo_;
  std::unique_ptr<journal::JournalContext> context_;
  CivilDate date_;
  std::string time_zone_;
};

}  // namespace taperlab::cli
