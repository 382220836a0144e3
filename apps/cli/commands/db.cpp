// `taperlab db copy --from FILE.db --to postgresql://...`: moves a clinic's SQLite journal into an
// empty PostgreSQL database (docs/deployment.md) in one transaction, all or nothing, and prints
// each table's rows, counted in the file and again in the database. The URL is printed without
// its password; keep the password in PGPASSFILE or PGPASSWORD rather than in the URL.
#include <iomanip>

#include "commands/commands.hpp"
#include "core/base/error.hpp"
#include "journal_session.hpp"
#include "store/copy_database.hpp"
#include "store/open_repository.hpp"

namespace taperlab::cli {
namespace {

struct CopyArgs {
  std::string from;
  std::string to;
};

void run_copy(CliContext& ctx, const CopyArgs& a) {
  if (!store::is_postgres_url(a.to)) {
    throw ValidationError("--to", "expected a postgresql:// (or postgres://) URL");
  }
  if (store::is_postgres_url(a.from)) {
    throw ValidationError("--from", "expected a SQLite file, not a URL");
  }
  warn_if_password_in(a.to);
  const auto tables = store::copy_sqlite_to_postgres(a.from, a.to);
  std::int64_t total = 0;
  std::size_t width = 5;
  for (const auto& t : tables) {
    total += t.rows;
    width = std::max(width, t.table.size());
  }
  ctx.out() << "Copied " << a.from << " into " << store::without_password(a.to)
            << " in one transaction.\n";
  for (const auto& t : tables) {
    ctx.out() << "  " << std::left << std::setw(static_cast<int>(width)) << t.table << "  "
              << std::right << std::setw(9) << t.rows << "\n";
  }
  ctx.out() << "  " << std::left << std::setw(static_cast<int>(width)) << "total"
            << "  " << std::right << std::setw(9) << total << "\n"
            << "Every table has as many rows in the database as in the file.\n";
}

}  // namespace

void add_db_command(CLI::App& app, CliContext& ctx) {
  auto* db =
      app.add_subcommand("db", "move a journal database (a clinic's SQLite file to PostgreSQL)");
  db->require_subcommand(1);
  auto* copy = db->add_subcommand(
      "copy", "copy a SQLite journal into an empty PostgreSQL database, all or nothing");
  auto a = std::make_shared<CopyArgs>();
  copy->add_option("--from", a->from, "the SQLite journal file")->required();
  copy->add_option("--to", a->to,
                   "the empty PostgreSQL database: postgresql://USER@HOST/DB, its password in "
                   "PGPASSFILE or PGPASSWORD")
      ->required();
  copy->callback([&ctx, a] { run_copy(ctx, *a); });
}

}  // namespace taperlab::cli
