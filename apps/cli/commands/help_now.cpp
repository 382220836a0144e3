// `taperlab help-now [--country CODE] [--db F]`: the emergency number and crisis lines, whenever a
// person looks for them. The country is --country, else the journal's person's, else the default
// entry; a journal that cannot be read never stops the numbers from being printed.
#include "commands/commands.hpp"
#include "core/instruments/crisis_message.hpp"
#include "journal_session.hpp"

namespace taperlab::cli {
namespace {

struct HelpNowArgs {
  std::string country;
  std::string db;
};

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
