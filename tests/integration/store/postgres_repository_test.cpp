// The PostgreSQL adapter: the whole repository suite on a real server (the throwaway one of
// postgres_server.sh), and what is particular to a database that several processes share.

#include "store/postgres/postgres_repository.hpp"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "core/base/error.hpp"
#include "store/open_repository.hpp"
#include "store/postgres_test_server.hpp"
#include "store/repository_suite.hpp"

namespace taperlab::store::testing {
namespace {

INSTANTIATE_TEST_SUITE_P(Postgres, RepositoryTest,
                         ::testing::Values(RepositoryFactory{
                             "postgres",
                             [](const std::filesystem::path& folder) {
                               return open_postgres_repository(database_of_folder(folder));
                             }}),
                         factory_name);

CivilDate day(const char* text) { return parse_civil_date(text, "test"); }

Person someone(const std::string& name = "Sam") {
  Person p;
  p.name = name;
  p.created_on = day("2026-01-01");
  return p;
}

DoseLogEntry dose_of(PersonId person, const char* time) {
  DoseLogEntry e;
  e.person_id = person;
  e.date = day("2026-03-01");
  e.time = parse_time_of_day(time, "test");
  e.drug_id = "clonazepam";
  e.dose_mg = 0.5;
  e.recorded_at = "2026-03-01T08:00:00Z";
  return e;
}

class PostgresTest : public ::testing::Test {
 protected:
  std::string conninfo() { return database_of_folder(folder_.path()); }
  TempFolder folder_;
};

TEST_F(PostgresTest, AppliesEveryMigrationOnceAndRecordsIt) {
  PostgresRepository repo(conninfo());
  const int latest = repo.schema_version();
  EXPECT_GE(latest, 6);
  // Opening again applies nothing more.
  PostgresRepository again(conninfo());
  EXPECT_EQ(again.schema_version(), latest);
}

TEST_F(PostgresTest, ProcessesStartingTogetherMigrateOnce) {
  const std::string target = conninfo();
  std::atomic<int> opened{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> starters;
  for (int i = 0; i < 6; ++i) {
    starters.emplace_back([&] {
      try {
        PostgresRepository repo(target);
        repo.add_person(someone());
        ++opened;
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failed;
      }
    });
  }
  for (auto& t : starters) t.join();
  EXPECT_EQ(opened, 6);
  EXPECT_EQ(failed, 0);
  pqxx::connection raw(target);
  pqxx::nontransaction work(raw);
  const auto rows =
      work.exec("SELECT count(*), count(DISTINCT version), max(version) FROM schema_migrations");
  EXPECT_EQ(rows[0][0].as<int>(), rows[0][1].as<int>());
  EXPECT_EQ(rows[0][0].as<int>(), rows[0][2].as<int>());
}

TEST_F(PostgresTest, ASecondConnectionSeesWritesAtOnceAndTheCountersMove) {
  PostgresRepository first(conninfo());
  PostgresRepository second(conninfo());
  const PersonId p = first.add_person(someone());
  const std::int64_t version = second.journal_version(p);
  EXPECT_GT(version, 0);

  first.add_dose(dose_of(p, "08:00"));
  EXPECT_EQ(second.doses(p, day("2026-03-01"), day("2026-03-01")).size(), 1u);
  EXPECT_GT(second.journal_version(p), version);

  User u;
  u.email = "sam@example.org";
  u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA";
  u.person_id = p;
  u.created_at = "2026-03-01T08:00:00Z";
  u.id = second.add_user(u);
  AuthSession s;
  s.token_hash = "hash-1";
  s.user_id = u.id;
  s.csrf_token = "csrf";
  s.created_at = "2026-03-01T08:00:00Z";
  s.expires_at = "2026-04-01T08:00:00Z";
  first.add_auth_session(s);
  ASSERT_TRUE(second.find_signed_in("hash-1").has_value());
  const std::int64_t generation = second.auth_generation();
  first.delete_auth_session("hash-1");
  EXPECT_GT(second.auth_generation(), generation);
  EXPECT_FALSE(second.find_signed_in("hash-1").has_value());
}

TEST_F(PostgresTest, ASnapshotSeesNothingCommittedMeanwhileAndRefusesWrites) {
  PostgresRepository reader(conninfo());
  PostgresRepository writer(conninfo());
  const PersonId p = writer.add_person(someone());
  reader.read_snapshot([&] {
    const std::int64_t version = reader.journal_version(p);
    EXPECT_TRUE(reader.doses(p, day("2026-03-01"), day("2026-03-01")).empty());
    writer.add_dose(dose_of(p, "08:00"));
    EXPECT_TRUE(reader.doses(p, day("2026-03-01"), day("2026-03-01")).empty());
    EXPECT_EQ(reader.journal_version(p), version);
    EXPECT_THROW(reader.add_dose(dose_of(p, "09:00")), std::logic_error);
    EXPECT_THROW(reader.transaction([] {}), std::logic_error);
  });
  EXPECT_EQ(reader.doses(p, day("2026-03-01"), day("2026-03-01")).size(), 1u);
}

TEST_F(PostgresTest, BeginAttemptsLetsNoMoreThroughThanTheLimitAcrossConnections) {
  const std::string target = conninfo();
  { PostgresRepository migrate_first(target); }
  constexpr int kClients = 8;
  constexpr int kTriesEach = 4;
  constexpr int kLimit = 5;
  std::atomic<int> granted{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&] {
      PostgresRepository repo(target);
      for (int k = 0; k < kTriesEach; ++k) {
        AttemptLimit limit{"203.0.113.7", "2026-03-01T00:00:00Z", kLimit, false};
        if (repo.begin_attempts({limit}, "2026-03-01T08:00:00Z").granted()) ++granted;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(granted, kLimit);
  PostgresRepository check(target);
  EXPECT_EQ(check.failed_login_attempts_since("203.0.113.7", "2026-03-01T00:00:00Z"), kLimit);
}

TEST_F(PostgresTest, PlanVersionsAreNumberedOneAtATimeAcrossConnections) {
  const std::string target = conninfo();
  PostgresRepository setup(target);
  const PersonId p = setup.add_person(someone());
  std::vector<std::thread> writers;
  for (int i = 0; i < 4; ++i) {
    writers.emplace_back([&] {
      PostgresRepository repo(target);
      for (int k = 0; k < 5; ++k) {
        PlanVersion v;
        v.person_id = p;
        v.effective_from = day("2026-03-01");
        v.reason = "saved";
        v.request = nlohmann::json::object();
        v.plan = nlohmann::json::object();
        repo.add_plan_version(v);
      }
    });
  }
  for (auto& t : writers) t.join();
  const auto versions = setup.plan_versions(p);
  ASSERT_EQ(versions.size(), 20u);
  for (std::size_t i = 0; i < versions.size(); ++i) {
    EXPECT_EQ(versions[i].version, static_cast<int>(i) + 1);
  }
}

TEST_F(PostgresTest, NestedWritesThatFailLeaveTheOuterTransactionUsable) {
  PostgresRepository repo(conninfo());
  const PersonId p = repo.add_person(someone());
  repo.transaction([&] {
    repo.add_dose(dose_of(p, "08:00"));
    // A driver error inside (a foreign key to no one) rolls back its savepoint only.
    EXPECT_THROW(repo.add_dose(dose_of(p + 1000, "08:00")), NotFound);
    repo.add_dose(dose_of(p, "20:00"));
  });
  EXPECT_EQ(repo.doses(p, day("2026-03-01"), day("2026-03-01")).size(), 2u);
}

TEST_F(PostgresTest, AConnectionLostBetweenRequestsIsMadeAgain) {
  // A server keeps its connections for its whole life: a restarted database must not leave them
  // failing for good.
  PostgresRepository repo(conninfo());
  const PersonId p = repo.add_person(someone());
  pqxx::connection admin(conninfo());
  pqxx::nontransaction work(admin);
  work.exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
      "AND pid <> pg_backend_pid()");
  for (int i = 0; i < 100; ++i) {
    if (work.exec("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                  "pid <> pg_backend_pid()")[0][0]
            .as<int>() == 0) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // The loss is found out by the next statement, which fails; the one after connects again.
  try {
    repo.find_person(p);
  } catch (const StorageError& e) {
    EXPECT_EQ(std::string(e.what()).find("Sekr1t"), std::string::npos);
  }
  ASSERT_TRUE(repo.find_person(p).has_value());
  repo.add_dose(dose_of(p, "08:00"));
  EXPECT_EQ(repo.doses(p, day("2026-03-01"), day("2026-03-01")).size(), 1u);
}

TEST(PostgresConnection, FailuresNeverQuoteThePassword) {
  const std::string server = test_postgres_conninfo();
  const std::string host = server.substr(server.find("host=") + 5, server.find(' ') - 5);
  for (const std::string& target :
       {"postgresql://postgres:Sekr1t-pw@/no_such_database?host=" + host,
        std::string("postgresql://postgres:Sekr1t-pw@/x?host=/nonexistent-folder"),
        "host=" + host + " user=postgres password=Sekr1t-pw dbname=no_such_database"}) {
    try {
      PostgresRepository repo(target);
      ADD_FAILURE() << "expected StorageError";
    } catch (const StorageError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.find("Sekr1t"), std::string::npos) << message;
      EXPECT_NE(message.find("could not connect to PostgreSQL"), std::string::npos) << message;
    }
  }
}

TEST(PostgresConnection, UrlsChooseTheAdapterAndLoseTheirPasswordInMessages) {
  EXPECT_TRUE(is_postgres_url("postgresql://clinic.example/taperlab"));
  EXPECT_TRUE(is_postgres_url("POSTGRES://u@h/db"));
  EXPECT_FALSE(is_postgres_url("/var/lib/taperlab/taperlab.db"));
  EXPECT_FALSE(is_postgres_url("postgresql.db"));
  EXPECT_EQ(without_password("postgresql://taperlab:s3cret@db.clinic/taperlab?sslmode=require"),
            "postgresql://taperlab:***@db.clinic/taperlab?sslmode=require");
  EXPECT_EQ(
      without_password("postgresql://db.clinic/taperlab?user=t&password=s3cret&sslmode=require"),
      "postgresql://db.clinic/taperlab?user=t&password=***&sslmode=require");
  EXPECT_EQ(without_password("postgresql://taperlab@db.clinic/taperlab"),
            "postgresql://taperlab@db.clinic/taperlab");
  EXPECT_TRUE(has_password("postgresql://taperlab:s3cret@db.clinic/taperlab"));
  EXPECT_FALSE(has_password("postgresql://taperlab@db.clinic/taperlab"));
  EXPECT_FALSE(has_password("taperlab.db"));
}

}  // namespace
}  // namespace taperlab::store::testing
