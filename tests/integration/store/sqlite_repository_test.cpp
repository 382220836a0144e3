// The SQLite adapter: the repository suite on a real file, and what is particular to SQLite.

#include "store/sqlite/sqlite_repository.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include <fstream>

#include "core/base/error.hpp"
#include "store/repository_suite.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/open.hpp"

namespace taperlab::store::testing {
namespace {

std::filesystem::path database_in(const std::filesystem::path& folder) {
  return folder / "journal" / "taperlab.db";  // a missing sub-folder: created on open
}

// Twice: as the CLI opens the file (a sync per commit) and as the server does (group commit).
INSTANTIATE_TEST_SUITE_P(
    Sqlite, RepositoryTest,
    ::testing::Values(RepositoryFactory{"sqlite",
                                        [](const std::filesystem::path& folder) {
                                          return open_sqlite_repository(database_in(folder));
                                        }},
                      RepositoryFactory{"sqlite_group_commit",
                                        [](const std::filesystem::path& folder) {
                                          const auto file = database_in(folder);
                                          return open_sqlite_repository(
                                              file, std::make_shared<GroupCommit>(file));
                                        }}),
    factory_name);

CheckIn check_in_for(PersonId person, const char* date, const std::string& notes) {
  CheckIn c;
  c.person_id = person;
  c.date = parse_civil_date(date, "test");
  c.symptoms = {{"anxiety", 3}};
  c.notes = notes;
  return c;
}

Person someone() {
  Person p;
  p.name = "Sam";
  p.created_on = parse_civil_date("2026-01-01", "test");
  return p;
}

TEST(SqliteRepository, CreatesTheFileAndItsFoldersWithDurableSettings) {
  TempFolder folder;
  const auto file = folder.path() / "a" / "b" / "taperlab.db";
  SqliteRepository repo(file);
  EXPECT_TRUE(std::filesystem::exists(file));

  SQLite::Database raw(file, SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("PRAGMA journal_mode").getString(), "wal");
  // foreign_keys, synchronous and busy_timeout are per connection: checked through behaviour
  // (UnknownPersonIsNotFound, DeletePersonRemovesEverything, WriterWaitsForAnotherWriter).
}

// Statements are kept prepared between calls (Connection::statement); one left on a row would
// keep its read snapshot: this connection would not see later writes and no checkpoint could
// finish.
TEST(SqliteRepository, AKeptStatementHoldsNoSnapshotBetweenCalls) {
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  SqliteRepository reader(file);
  SqliteRepository writer(file);
  Person p = someone();
  p.id = writer.add_person(p);
  ASSERT_EQ(reader.find_person(p.id)->name, "Sam");  // a one-row query, stopped on its row
  p.name = "Alex";
  writer.update_person(p);
  EXPECT_EQ(reader.find_person(p.id)->name, "Alex");

  SQLite::Database raw(file, SQLite::OPEN_READWRITE);
  SQLite::Statement checkpoint(raw, "PRAGMA wal_checkpoint(TRUNCATE)");
  ASSERT_TRUE(checkpoint.executeStep());
  EXPECT_EQ(checkpoint.getColumn(0).getInt(), 0) << "a reader blocked the checkpoint";
}

TEST(SqliteRepository, RejectsARecordItCouldNotReadBack) {
  TempFolder folder;
  SqliteRepository repo(folder.path() / "t.db");
  const PersonId person = repo.add_person(someone());
  CheckIn bad = check_in_for(person, "2026-01-01", "");
  bad.sleep.quality = 11;
  bad.symptoms["panic"] = 7;
  try {
    repo.add_check_in(bad);
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 2u);
    EXPECT_EQ(e.errors()[0].field, "check_in.symptoms.panic");
    EXPECT_EQ(e.errors()[1].field, "check_in.sleep.quality");
  }
  EXPECT_FALSE(repo.check_in_on(person, bad.date).has_value());
  EXPECT_EQ(repo.audit_log(person).size(), 1u);
}

TEST(SqliteRepository, BusyDatabaseIsAStorageErrorWithoutHealthData) {
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  SqliteRepository repo(file, SqliteOptions{.busy_timeout_ms = 50, .group_commit = nullptr});
  const PersonId person = repo.add_person(someone());

  SQLite::Database other(file, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");  // another process holding the write lock for too long
  try {
    repo.add_check_in(check_in_for(person, "2026-01-01", "panic attack at work"));
    FAIL() << "expected StorageError";
  } catch (const StorageError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("could not add a check-in"), std::string::npos) << message;
    EXPECT_NE(message.find("locked"), std::string::npos) << message;
    EXPECT_EQ(message.find("panic"), std::string::npos) << message;
    EXPECT_EQ(message.find("anxiety"), std::string::npos) << message;
  }
  other.exec("ROLLBACK");
  // The failed write left the connection usable.
  EXPECT_NO_THROW(repo.add_check_in(check_in_for(person, "2026-01-01", "")));
}

TEST(SqliteRepository, WriterWaitsForAnotherWriter) {
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  SqliteRepository first(file);
  SqliteRepository second(file);
  const PersonId person = first.add_person(someone());
  // Each write takes the write lock up front, so writers queue on the busy timeout instead of
  // failing with SQLITE_BUSY when a read transaction would need upgrading.
  first.transaction([&] {
    first.add_check_in(check_in_for(person, "2026-01-01", ""));
    EXPECT_EQ(second
                  .check_ins(person, parse_civil_date("2026-01-01", "t"),
                             parse_civil_date("2026-01-01", "t"))
                  .size(),
              0u);
  });
  EXPECT_NO_THROW(second.add_check_in(check_in_for(person, "2026-01-02", "")));
}

TEST(SqliteRepository, CorruptStoredRowIsAStorageErrorNamingOnlyTheRow) {
  TempFolder folder;
  const auto file = folder.path() / "t.db";
  SqliteRepository repo(file);
  const PersonId person = repo.add_person(someone());
  const RecordId id = repo.add_check_in(check_in_for(person, "2026-01-01", "private words"));
  {
    SQLite::Database raw(file, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE check_ins SET symptoms = '{\"anxiety\": 9}'");
  }
  try {
    repo.check_in_on(person, parse_civil_date("2026-01-01", "t"));
    FAIL() << "expected StorageError";
  } catch (const StorageError& e) {
    EXPECT_EQ(std::string(e.what()), "stored check-in " + std::to_string(id) + " is unreadable");
  }
}

TEST(SqliteRepository, UnopenableFileIsAStorageError) {
  TempFolder folder;
  const auto not_a_database = folder.path() / "notes.txt";
  std::ofstream(not_a_database) << "this is not a database, just some text that is long enough "
                                   "to fill the header SQLite looks for at the start of a file";
  EXPECT_THROW(SqliteRepository{not_a_database}, StorageError);
  EXPECT_THROW(SqliteRepository{folder.path()}, StorageError);  // a folder
}

TEST(SqliteRepository, FactoryReturnsTheAdapterBehindTheInterface) {
  TempFolder folder;
  std::unique_ptr<Repository> repo = open_sqlite_repository(folder.path() / "t.db");
  ASSERT_NE(dynamic_cast<SqliteRepository*>(repo.get()), nullptr);
  EXPECT_EQ(repo->people().size(), 0u);
}

}  // namespace
}  // namespace taperlab::store::testing
