// Schema migrations: embedded at build time, applied once each, newer databases refused.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "core/base/error.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_repository.hpp"
#include "store/temp_folder.hpp"

namespace taperlab::store::testing {
namespace {

struct AppliedMigration {
  int version;
  std::string name;
  std::string applied_at;
};

std::vector<AppliedMigration> applied(const std::filesystem::path& file) {
  SQLite::Database db(file, SQLite::OPEN_READONLY);
  SQLite::Statement query(db, "SELECT version, name, applied_at FROM schema_migrations ORDER BY 1");
  std::vector<AppliedMigration> out;
  while (query.executeStep()) {
    out.push_back({query.getColumn(0).getInt(), query.getColumn(1).getString(),
                   query.getColumn(2).getString()});
  }
  return out;
}

int latest_known() { return sqlite::migrations().back().version; }

// A database as an older taperlab left it: the first `count` migrations applied and recorded on
// 2026-01-01, then `data`.
void create_with_first_migrations(const std::filesystem::path& file, std::size_t count,
                                  const char* data) {
  SQLite::Database db(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL)");
  for (std::size_t i = 0; i < count; ++i) {
    const auto& m = sqlite::migrations()[i];
    db.exec(m.sql);
    SQLite::Statement record(db, "INSERT INTO schema_migrations VALUES (?1, ?2, ?3)");
    record.bind(1, m.version);
    record.bind(2, m.name);
    record.bind(3, "2026-01-01T00:00:00Z");
    record.exec();
  }
  db.exec(data);
}

TEST(Migration, EmbeddedMigrationsAreSortedAndNamedByNumber) {
  const auto all = sqlite::migrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().version, 1);
  EXPECT_EQ(std::string(all.front().name), "0001_initial");
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GT(all[i].version, all[i - 1].version);
  for (const auto& m : all) {
    EXPECT_EQ(std::stoi(m.name), m.version) << m.name;
    // The file's text was embedded: it changes the schema (0003 only adds a column).
    const std::string sql = m.sql;
    EXPECT_TRUE(sql.find("CREATE") != std::string::npos || sql.find("ALTER") != std::string::npos)
        << m.name;
  }
}

TEST(Migration, FreshFileGetsEveryMigrationRecorded) {
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  SqliteRepository repo(file);
  EXPECT_EQ(repo.schema_version(), latest_known());
  const auto rows = applied(file);
  ASSERT_EQ(rows.size(), sqlite::migrations().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].version, sqlite::migrations()[i].version);
    EXPECT_EQ(rows[i].name, sqlite::migrations()[i].name);
    EXPECT_EQ(rows[i].applied_at.size(), 20u) << rows[i].applied_at;  // 2026-01-01T00:00:00Z
  }
  SQLite::Database db(file, SQLite::OPEN_READONLY);
  for (const char* table : {"people", "regimens", "plan_versions", "dose_log", "check_ins",
                            "questionnaire_responses", "cognitive_sessions", "decisions",
                            "audit_log", "users", "auth_sessions", "login_attempts"}) {
    EXPECT_TRUE(db.tableExists(table)) << table;
  }
}

TEST(Migration, ReopeningAppliesNothingTwice) {
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  { SqliteRepository first(file); }
  const auto before = applied(file);
  {
    SqliteRepository again(file);
    EXPECT_EQ(again.schema_version(), latest_known());
  }
  { SqliteRepository third(file); }
  const auto after = applied(file);
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].version, before[i].version);
    EXPECT_EQ(after[i].applied_at, before[i].applied_at);
  }
}

TEST(Migration, DatabaseFromANewerTaperlabIsRefused) {
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  { SqliteRepository repo(file); }
  const int future = latest_known() + 41;
  {
    SQLite::Database db(file, SQLite::OPEN_READWRITE);
    SQLite::Statement insert(db,
                             "INSERT INTO schema_migrations (version, name, applied_at) "
                             "VALUES (?1, 'from_the_future', '2030-01-01T00:00:00Z')");
    insert.bind(1, future);
    insert.exec();
  }
  try {
    SqliteRepository repo(file);
    FAIL() << "expected StorageError";
  } catch (const StorageError& e) {
    EXPECT_EQ(std::string(e.what()), "database schema version " + std::to_string(future) +
                                         " is newer than this taperlab (" +
                                         std::to_string(latest_known()) + "); update taperlab");
  }
  EXPECT_EQ(applied(file).size(), sqlite::migrations().size() + 1);  // nothing touched
}

TEST(Migration, ProcessesStartingTogetherMigrateOnce) {
  // The CLI and the server may open a new file at the same moment: each migration is checked and
  // applied inside one write transaction, so exactly one of them applies it.
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  std::vector<std::thread> openers;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i) {
    openers.emplace_back([&] {
      try {
        SqliteRepository repo(file);
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& t : openers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(applied(file).size(), sqlite::migrations().size());
}

TEST(Migration, FileFromTheFirstReleaseIsUpgradedKeepingItsData) {
  // A journal written before accounts existed (only 0001 applied) gains the account tables.
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  create_with_first_migrations(
      file, 1,
      "INSERT INTO people (id, name, profile, created_on) VALUES (7, 'Sam', '{}', "
      "'2026-01-01')");
  SqliteRepository repo(file);
  EXPECT_EQ(repo.schema_version(), latest_known());
  ASSERT_TRUE(repo.find_person(7).has_value());
  User user;
  user.email = "sam@example.org";
  user.password_hash = "$argon2id$...";
  user.person_id = 7;
  user.created_at = "2026-01-02T00:00:00Z";
  EXPECT_GT(repo.add_user(user), 0);
  EXPECT_EQ(applied(file).front().applied_at, "2026-01-01T00:00:00Z");  // 0001 not re-applied
}

TEST(Migration, PlanVersionsStoredBeforeRevisionsAreReadWithTheirText) {
  // A plan version saved before 0003 has no revision (NULL): it reads as 0, with its text, so the
  // parsed-plan cache compares the text rather than trusting the id.
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  create_with_first_migrations(
      file, 2,
      "INSERT INTO people (id, name, profile, created_on) VALUES (7, 'Sam', '{}', '2026-01-01');"
      "INSERT INTO plan_versions (id, person_id, version, effective_from, reason, request, plan, "
      "recorded_at) VALUES (3, 7, 1, '2026-01-01', 'saved', '{\"a\":1}', '{\"steps\":[]}', "
      "'2026-01-01T09:00:00Z')");
  SqliteRepository repo(file);
  EXPECT_EQ(repo.schema_version(), latest_known());
  bool asked = false;
  const auto old = repo.plan_text_in_force(7, parse_civil_date("2026-02-01", "date"),
                                           [&](const PlanVersionText& header) {
                                             asked = true;
                                             EXPECT_EQ(header.revision, 0);
                                             return false;
                                           });
  EXPECT_TRUE(asked);
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->version.id, 3);
  EXPECT_EQ(old->revision, 0);
  EXPECT_EQ(old->request, "{\"a\":1}");
  EXPECT_EQ(old->plan, "{\"steps\":[]}");
}

TEST(Migration, PeopleAndDosesFromBeforeTimeZonesGetTheDefaults) {
  // 0005: a person stored before time zones has none chosen ('': the machine's zone, as "today"
  // was until then) and a dose logged then has no confirmation time; both read back unchanged
  // otherwise, and a zone set afterwards is kept.
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  create_with_first_migrations(
      file, 4,
      "INSERT INTO people (id, name, profile, created_on) VALUES (7, 'Sam', '{}', '2026-01-01');"
      "INSERT INTO dose_log (id, person_id, date, time, drug_id, dose_mg, status, planned_time, "
      "planned_dose_mg, note, recorded_at) VALUES (5, 7, '2026-01-02', '08:00', 'diazepam', 5, "
      "'taken', '08:00', 5, '', '2026-01-02T08:01:00Z')");
  SqliteRepository repo(file);
  EXPECT_EQ(repo.schema_version(), latest_known());
  auto sam = repo.find_person(7);
  ASSERT_TRUE(sam.has_value());
  EXPECT_EQ(sam->time_zone, "");
  EXPECT_EQ(sam->name, "Sam");
  const auto day = parse_civil_date("2026-01-02", "date");
  const auto doses = repo.doses(7, day, day);
  ASSERT_EQ(doses.size(), 1u);
  EXPECT_EQ(doses[0].confirmed_at, "");
  EXPECT_EQ(doses[0].recorded_at, "2026-01-02T08:01:00Z");
  EXPECT_EQ(doses[0].dose_mg, 5.0);

  sam->time_zone = "America/Los_Angeles";
  repo.update_person(*sam);
  EXPECT_EQ(repo.find_person(7)->time_zone, "America/Los_Angeles");
  DoseLogEntry later = doses[0];
  later.date = parse_civil_date("2026-01-03", "date");
  later.confirmed_at = "2026-01-03T06:18:07-08:00";
  repo.add_dose(later);
  const auto next_day = repo.doses(7, later.date, later.date);
  ASSERT_EQ(next_day.size(), 1u);
  EXPECT_EQ(next_day[0].confirmed_at, "2026-01-03T06:18:07-08:00");
}

TEST(Migration, EmptyExistingFileIsMigrated) {
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  { SQLite::Database db(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE); }
  SqliteRepository repo(file);
  EXPECT_EQ(repo.schema_version(), latest_known());
}

}  // namespace
}  // namespace taperlab::store::testing
