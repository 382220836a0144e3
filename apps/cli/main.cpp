#include <CLI/CLI.hpp>
#include <iostream>

#include "cli_context.hpp"
#include "cli_fields.hpp"
#include "commands/commands.hpp"
#include "core/base/error.hpp"
#include "hidden_passwords.hpp"

namespace {

// Exit statuses: 0 done, 1 unexpected failure (including the store failing), 2 bad input, a
// missing journal or a clash with what is stored (the user can fix it), 3 broken data files (a
// packaging problem).
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitBadData = 3;

}  // namespace

int main(int argc, char** argv) {
  using namespace taperlab;
  cli::HiddenPasswordArgs args(argc, argv);
  CLI::App app{
      "taperlab: plan and follow a slow, safe benzodiazepine taper with your prescriber.\n"
      "Plans and simulations are drafts for discussion with a prescriber, not medical advice."};
  app.set_version_flag("--version", "taperlab 0.1.0");
  app.require_subcommand(0, 1);
  cli::CliContext ctx(std::cout);
  app.add_option("--data-dir", ctx.data_dir, "folder holding the drug catalogue (data/)");
  cli::add_drugs_command(app, ctx);
  cli::add_convert_command(app, ctx);
  cli::add_simulate_command(app, ctx);
  cli::add_example_command(app, ctx);
  cli::add_plan_command(app, ctx);
  cli::add_pharmacy_command(app, ctx);
  cli::add_cohort_command(app, ctx);
  cli::add_init_command(app, ctx);
  cli::add_today_command(app, ctx);
  cli::add_take_command(app, ctx);
  cli::add_checkin_command(app, ctx);
  cli::add_questionnaire_command(app, ctx);
  cli::add_status_command(app, ctx);
  cli::add_insights_command(app, ctx);
  cli::add_export_command(app, ctx);
  cli::add_import_command(app, ctx);
  cli::add_serve_command(app, ctx);
  cli::add_help_now_command(app, ctx);
  cli::add_resume_command(app, ctx);
  cli::add_report_command(app, ctx);
  cli::add_db_command(app, ctx);

  try {
    app.parse(args.argc(), args.argv());
    if (app.get_subcommands().empty()) {
      // With no command, show the worked example (the main job of `scripts/run`).
      cli::run_example(ctx);
    }
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  } catch (const ValidationError& e) {
    // The error names the domain's field ("dose_mg"); the person typed the command's flag.
    const auto commands = app.get_subcommands();
    const std::string command = commands.empty() ? "" : commands.front()->get_name();
    std::cerr << "taperlab: " << cli::flag_message(command, e) << "\n";
    return kExitBadInput;
  } catch (const Error& e) {
    std::cerr << "taperlab: " << e.what() << "\n";
    switch (e.code()) {
      case ErrorCode::kDataFile:
        return kExitBadData;
      case ErrorCode::kNotFound:  // e.g. no journal yet
      case ErrorCode::kConflict:  // e.g. a dose already logged
        return kExitBadInput;
      default:
        return kExitFailure;
    }
  } catch (const std::exception& e) {
    std::cerr << "taperlab: unexpected error: " << e.what() << "\n";
    return kExitFailure;
  }
  return 0;
}
