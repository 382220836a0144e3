#pragma once

// The throwaway PostgreSQL that ctest's "postgres" fixture starts (postgres_server.sh) for the
// ctest run that runs this test, found by the run's process id (this process's parent) under
// TAPERLAB_TEST_POSTGRES_STATE; or the conninfo file TAPERLAB_TEST_POSTGRES names. The file holds
// "host=SOCKET_DIR user=postgres". Each test
// makes databases of its own, so tests run in parallel. Run outside ctest with
//   tests/integration/store/postgres_server.sh run build/release/tests/integration/...

#ifndef TAPERLAB_TEST_POSTGRES_STATE
#error \
    "define TAPERLAB_TEST_POSTGRES_STATE, the fixture's folder (tests/integration/CMakeLists.txt)"
#endif

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <vector>

namespace taperlab::store::testing {

inline std::string test_postgres_conninfo() {
  const char* given = std::getenv("TAPERLAB_TEST_POSTGRES");
  const std::string file = given != nullptr && *given != '\0'
                               ? std::string(given)
                               : std::string(TAPERLAB_TEST_POSTGRES_STATE) + "/ctest-" +
                                     std::to_string(::getppid()) + "/conninfo";
  std::ifstream in(file);
  std::string conninfo;
  if (!std::getline(in, conninfo) || conninfo.empty()) {
    throw std::runtime_error("no PostgreSQL conninfo in " + file +
                             ": run the test through ctest (its postgres fixture, "
                             "store.postgres.start, starts the server) or under "
                             "tests/integration/store/postgres_server.sh run");
  }
  return conninfo;
}

// The databases this test process made, dropped when it exits (ctest runs each test in a
// process of its own), so that the server's folder stays small.
class TestDatabases {
 public:
  static TestDatabases& made() {
    static TestDatabases databases;
    return databases;
  }
  void add(const std::string& name) { names_.push_back(name); }
  ~TestDatabases() {
    if (names_.empty()) return;
    try {
      pqxx::connection admin(test_postgres_conninfo() + " dbname=postgres");
      pqxx::nontransaction work(admin);
      for (const auto& name : names_) {
        work.exec("DROP DATABASE IF EXISTS " + work.quote_name(name) + " WITH (FORCE)");
      }
    } catch (const std::exception&) {
      // The cluster goes at the end of the run anyway.
    }
  }

 private:
  TestDatabases() = default;
  std::vector<std::string> names_;
};

// Creates the empty database `name` and returns the conninfo that reaches it.
inline std::string create_test_database(const std::string& name) {
  const std::string server = test_postgres_conninfo();
  pqxx::connection admin(server + " dbname=postgres");
  pqxx::nontransaction work(admin);
  work.exec("CREATE DATABASE " + work.quote_name(name));
  TestDatabases::made().add(name);
  return server + " dbname=" + name;
}

// The database of a test folder, made on first use: calling it again with the same folder
// reaches the same data (reopening, a second client), as the repository suite asks.
inline std::string database_of_folder(const std::filesystem::path& folder) {
  const std::string name = "t_" + folder.filename().string();
  const auto marker = folder / "postgres-database";
  if (!std::filesystem::exists(marker)) {
    create_test_database(name);
    std::ofstream(marker) << name << "\n";
  }
  return test_postgres_conninfo() + " dbname=" + name;
}

}  // namespace taperlab::store::testing
