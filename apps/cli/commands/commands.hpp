#pragma once

#include <CLI/CLI.hpp>

#include "cli_context.hpp"

namespace taperlab::cli {

// One function per command file: adds the subcommand and its callback to the app.
void add_drugs_command(CLI::App& app, CliContext& ctx);
void add_convert_command(CLI::App& app, CliContext& ctx);
void add_simulate_command(CLI::App& app, CliContext& ctx);
void add_example_command(CLI::App& app, CliContext& ctx);
void add_plan_command(CLI::App& app, CliContext& ctx);
void add_pharmacy_command(CLI::App& app, CliContext& ctx);
// Virtual cohorts (issue 21): `taperlab cohort` and `taperlab cohort merge`.
void add_cohort_command(CLI::App& app, CliContext& ctx);
// The journal (docs/tracking.md): each takes --db and, when it records a day, --date.
void add_init_command(CLI::App& app, CliContext& ctx);
void add_today_command(CLI::App& app, CliContext& ctx);
void add_take_command(CLI::App& app, CliContext& ctx);
void add_checkin_command(CLI::App& app, CliContext& ctx);
void add_questionnaire_command(CLI::App& app, CliContext& ctx);
void add_status_command(CLI::App& app, CliContext& ctx);
void add_insights_command(CLI::App& app, CliContext& ctx);
void add_export_command(CLI::App& app, CliContext& ctx);
void add_import_command(CLI::App& app, CliContext& ctx);
void add_serve_command(CLI::App& app, CliContext& ctx);
void add_help_now_command(CLI::App& app, CliContext& ctx);
void add_resume_command(CLI::App& app, CliContext& ctx);
void add_report_command(CLI::App& app, CliContext& ctx);
// `taperlab db copy`: a clinic's SQLite journal into PostgreSQL.
void add_db_command(CLI::App& app, CliContext& ctx);

void run_example(CliContext& ctx);

}  // namespace taperlab::cli
