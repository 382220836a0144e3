#pragma once

// A journal on a fresh SQLite file in a temporary folder, with the shipped data, a fixed today and
// a fixed clock: what the journal use cases need, without the CLI or the server.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

#include "io/data_dir.hpp"
#include "io/instruments_load.hpp"
#include "journal/journal_context.hpp"
#include "store/sqlite/open.hpp"

namespace taperlab::journal::testing {

inline const CivilDate kToday = parse_civil_date("2026-03-01", "today");

class JournalFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "taperlab-journal-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    folder_ = pattern;
    repo_ = store::open_sqlite_repository(folder_ / "journal.db");
    ctx_ = std::make_unique<JournalContext>(
        JournalContext{catalog(), instruments(), crisis(), *repo_, kToday, "2026-03-01T09:00:00Z"});
  }

  void TearDown() override {
    ctx_.reset();
    repo_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }

  [[nodiscard]] const JournalContext& ctx() const { return *ctx_; }
  [[nodiscard]] store::Repository& repo() { return *repo_; }
  // The database file, for a test that reaches past the repository (as another program would).
  [[nodiscard]] std::filesystem::path db_path() const { return folder_ / "journal.db"; }

  // The shipped data, loaded once for all tests.
  static const Catalog& catalog() {
    static const Catalog catalog = io::load_catalog(TAPERLAB_TEST_DATA_DIR);
    return catalog;
  }
  static const InstrumentRegistry& instruments() {
    static const InstrumentRegistry registry = io::load_instruments(TAPERLAB_TEST_DATA_DIR);
    return registry;
  }
  static const CrisisDirectory& crisis() {
    static const CrisisDirectory directory = io::load_crisis_directory(TAPERLAB_TEST_DATA_DIR);
    return directory;
  }

 private:
  std::filesystem::path folder_;
  std::unique_ptr<store::Repository> repo_;
  std::unique_ptr<JournalContext> ctx_;
};

}  // namespace taperlab::journal::testing
