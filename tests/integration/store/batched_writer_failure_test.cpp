// The batched writer's failure paths (store/sqlite/batched_writer.cpp), each made by SQLite itself:
// BEGIN refused (another connection holds the write lock past the busy timeout), COMMIT refused (a
// deferred foreign key left dangling by one write), and one write that ends the shared
// transaction (a trigger's RAISE(ROLLBACK)). In each, every caller either gets an error or finds
// its write stored, nothing acknowledged is lost, and the writes after it work.

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/base/error.hpp"
#include "store/batched_writes.hpp"

namespace taperlab::store::testing {
namespace {

using namespace std::chrono_literals;

// How each writer's call ended: acknowledged (returned) or the message of what it threw.
struct Outcome {
  bool acknowledged = false;
  std::string error;
};

class BatchedWriterFailureTest : public BatchedWriterTest {
 protected:
  // Repositories opened before the test changes the schema (opening checks the migrations).
  void open_repositories(int n) {
    for (int i = 0; i < n; ++i) repos_.push_back(open_sqlite_repository(file_, group_));
  }

  // Starts a writer thread adding the check-in of day `n` through repository `i`.
  void start_writer(int i, int n) {
    started_days_.push_back(n);
    writers_.emplace_back([this, i, n] {
      Outcome& out = outcomes_.at(static_cast<std::size_t>(n));
      try {
        repos_[static_cast<std::size_t>(i)]->add_check_in(check_in_on(person_, n));
        repos_[static_cast<std::size_t>(i)]->sync_writes();
        out.acknowledged = true;
      } catch (const std::exception& e) {
        out.error = e.what();
      }
    });
    // Each writer is queued before the next one starts (generous on a loaded machine).
    std::this_thread::sleep_for(50ms);
  }

  void join_writers() {
    for (auto& t : writers_) t.join();
    writers_.clear();
  }

  std::set<int> stored_days() {
    std::set<int> days;
    for (const auto& c : stored()) {
      for (int n = 0; n < kDays; ++n) {
        if (c.date == nth_day(n)) days.insert(n);
      }
    }
    return days;
  }

  // Every writer got an error or its write is stored, never both; every acknowledged write is
  // stored.
  void expect_each_write_stored_or_refused() {
    const std::set<int> days = stored_days();
    for (const int n : started_days_) {
      const Outcome& out = outcomes_.at(static_cast<std::size_t>(n));
      const bool is_stored = days.count(n) > 0;
      EXPECT_EQ(out.acknowledged, out.error.empty()) << "day " << n;
      EXPECT_EQ(is_stored, out.acknowledged) << "day " << n << ": " << out.error;
    }
  }

  // The writer still works after the failure.
  void expect_later_writes_work(int n) {
    EXPECT_NO_THROW(repos_[0]->add_check_in(check_in_on(person_, n)));
    repos_[0]->sync_writes();
    EXPECT_EQ(stored_days().count(n), 1u);
  }

  std::vector<std::unique_ptr<Repository>> repos_;
  std::vector<std::thread> writers_;
  static constexpr int kDays = 16;
  std::array<Outcome, kDays> outcomes_;  // by day; each writer writes its own
  std::vector<int> started_days_;
};

TEST_F(BatchedWriterFailureTest, BeginRefusedFailsItsBatchAndTheNextBatchCommits) {
  open_repositories(4);
  // Another process's connection holds the write lock longer than the writer's busy timeout.
  auto blocker = std::make_unique<SQLite::Database>(file_, SQLite::OPEN_READWRITE);
  blocker->exec("BEGIN IMMEDIATE");

  start_writer(1, 1);  // leads a batch of its own and waits for the lock in BEGIN
  start_writer(2, 2);  // these two queue for the next batch meanwhile
  start_writer(3, 3);
  writers_.front().join();  // BEGIN gave up: the lock was never free
  writers_.erase(writers_.begin());
  blocker->exec("ROLLBACK");  // the lock is free again: the next batch begins
  join_writers();

  EXPECT_FALSE(outcomes_.at(1).acknowledged);
  EXPECT_NE(outcomes_.at(1).error.find("could not add a check-in"), std::string::npos)
      << outcomes_.at(1).error;
  EXPECT_TRUE(outcomes_.at(2).acknowledged) << outcomes_.at(2).error;
  EXPECT_TRUE(outcomes_.at(3).acknowledged) << outcomes_.at(3).error;
  expect_each_write_stored_or_refused();
  expect_later_writes_work(10);
}

TEST_F(BatchedWriterFailureTest, CommitRefusedFailsEveryWriteOfTheBatch) {
  open_repositories(4);
  // Day 3's check-in leaves a deferred foreign key dangling: every statement succeeds and the
  // COMMIT of the transaction that holds it is refused.
  {
    SQLite::Database schema(file_, SQLite::OPEN_READWRITE);
    schema.exec(
        "CREATE TABLE test_commit_gate (check_in_id INTEGER REFERENCES check_ins(id) "
        "DEFERRABLE INITIALLY DEFERRED);"
        "CREATE TRIGGER test_commit_refused AFTER INSERT ON check_ins "
        "WHEN NEW.date = '2026-01-04' BEGIN INSERT INTO test_commit_gate VALUES (-NEW.id); END;");
  }
  {
    HeldBatch held(*repos_[0], person_);  // day 0, committed alone
    start_writer(1, 1);
    start_writer(2, 3);
    start_writer(3, 5);
  }
  join_writers();

  for (const int n : {1, 3, 5}) {
    EXPECT_FALSE(outcomes_.at(n).acknowledged) << n;
    EXPECT_NE(outcomes_.at(n).error.find("constraint"), std::string::npos) << outcomes_.at(n).error;
  }
  expect_each_write_stored_or_refused();
  EXPECT_EQ(stored_days(), (std::set<int>{0}));
  expect_later_writes_work(1);  // the day refused with the others can be written again
}

TEST_F(BatchedWriterFailureTest, AWriteThatEndsTheTransactionFailsTheWritesBeforeItOnly) {
  open_repositories(5);
  // Day 3's check-in rolls back the whole transaction, not only its own statement.
  {
    SQLite::Database schema(file_, SQLite::OPEN_READWRITE);
    schema.exec(
        "CREATE TRIGGER test_transaction_ended BEFORE INSERT ON check_ins "
        "WHEN NEW.date = '2026-01-04' BEGIN SELECT RAISE(ROLLBACK, 'test: rolled back'); END;");
  }
  {
    HeldBatch held(*repos_[0], person_);  // day 0, committed alone
    start_writer(1, 1);                   // undone by day 3's write: told to try again
    start_writer(2, 3);                   // ends the transaction
    start_writer(3, 5);                   // run in a new transaction after it
    start_writer(4, 6);
  }
  join_writers();

  EXPECT_NE(outcomes_.at(1).error.find("please try again"), std::string::npos)
      << outcomes_.at(1).error;
  EXPECT_FALSE(outcomes_.at(3).acknowledged);
  EXPECT_FALSE(outcomes_.at(3).error.empty());
  EXPECT_TRUE(outcomes_.at(5).acknowledged) << outcomes_.at(5).error;
  EXPECT_TRUE(outcomes_.at(6).acknowledged) << outcomes_.at(6).error;
  expect_each_write_stored_or_refused();
  EXPECT_EQ(stored_days(), (std::set<int>{0, 5, 6}));
  expect_later_writes_work(1);  // the write told to try again succeeds when it does
}

}  // namespace
}  // namespace taperlab::store::testing
