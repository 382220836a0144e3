// The server's batched writes (store/sqlite/batched_writer.hpp), through repositories sharing a
// GroupCommit: writes queued while a batch runs share the next commit and run in arrival order; a
// write that fails is undone alone and its error reaches its own thread; every acknowledged write
// is stored.

#include "store/sqlite/batched_writer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/base/error.hpp"
#include "store/batched_writes.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/open.hpp"

namespace taperlab::store::testing {
namespace {

using namespace std::chrono_literals;

TEST_F(BatchedWriterTest, WritesQueuedDuringABatchShareTheNextCommitInArrivalOrder) {
  // Opened first: opening checks the migrations in write transactions of its own.
  std::vector<std::unique_ptr<Repository>> repos;
  for (int i = 0; i <= 5; ++i) repos.push_back(open_sqlite_repository(file_, group_));
  const std::uint64_t before = group_->committed();
  std::vector<std::thread> writers;
  {
    HeldBatch held(*repos[0], person_);
    for (int i = 1; i <= 5; ++i) {
      writers.emplace_back([&, i] {
        repos[i]->add_check_in(check_in_on(person_, i));
        repos[i]->sync_writes();
      });
      // Each writer is queued before the next one starts (generous on a loaded machine).
      std::this_thread::sleep_for(50ms);
    }
  }
  for (auto& t : writers) t.join();

  // Commits since `before`: the held batch and one for the five writes queued behind it (five of
  // their own would make this before + 7).
  EXPECT_EQ(group_->committed(), before + 3);
  const auto rows = stored();
  ASSERT_EQ(rows.size(), 6u);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].date, nth_day(static_cast<int>(i)));
    EXPECT_GT(rows[i].id, rows[i - 1].id) << "the writes ran in the order they arrived";
  }
}

TEST_F(BatchedWriterTest, AFailedWriteIsUndoneAloneAndItsErrorReachesItsOwnThread) {
  std::vector<std::unique_ptr<Repository>> repos;
  for (int i = 0; i <= 5; ++i) repos.push_back(open_sqlite_repository(file_, group_));
  std::vector<std::thread> writers;
  bool thrown_reached_writer = false;
  bool duplicate_refused = false;
  writers.reserve(5);  // (GCC 12 warns of a bogus out-of-bounds access growing an empty vector)
  {
    HeldBatch held(*repos[0], person_);
    auto start = [&](auto write) {
      Repository& repo = *repos[writers.size() + 1];
      writers.emplace_back([&repo, write] { write(repo); });
      std::this_thread::sleep_for(50ms);
    };
    start([&](Repository& repo) { repo.add_check_in(check_in_on(person_, 1)); });
    start([&](Repository& repo) {
      try {
        repo.transaction([&] {
          repo.add_check_in(check_in_on(person_, 2));
          throw std::runtime_error("changed my mind");
        });
      } catch (const std::runtime_error& e) {
        thrown_reached_writer = std::string(e.what()) == "changed my mind";
      }
    });
    start([&](Repository& repo) {
      try {
        repo.add_check_in(check_in_on(person_, 1));  // the day already has one
      } catch (const Conflict&) {
        duplicate_refused = true;
      }
    });
    start([&](Repository& repo) {
      // A nested transaction that fails is undone; the outer write is kept.
      repo.transaction([&] {
        repo.add_check_in(check_in_on(person_, 3));
        try {
          repo.transaction([&] {
            repo.add_check_in(check_in_on(person_, 4));
            throw std::runtime_error("inner");
          });
        } catch (const std::runtime_error&) {
        }
      });
    });
    start([&](Repository& repo) { repo.add_check_in(check_in_on(person_, 5)); });
  }
  for (auto& t : writers) t.join();

  EXPECT_TRUE(thrown_reached_writer);
  EXPECT_TRUE(duplicate_refused);
  std::vector<CivilDate> dates;
  for (const auto& c : stored()) dates.push_back(c.date);
  EXPECT_EQ(dates, (std::vector<CivilDate>{nth_day(0), nth_day(1), nth_day(3), nth_day(5)}));
}

TEST_F(BatchedWriterTest, ManyWritersEveryAcknowledgedWriteIsStored) {
  constexpr int kWriters = 8;
  constexpr int kEach = 10;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto repo = open_sqlite_repository(file_, group_);
      for (int i = 0; i < kEach; ++i) {
        repo->add_check_in(check_in_on(person_, w * kEach + i));
        // Its own write, and every write committed before, can be read at once.
        const auto mine = repo->check_in_on(person_, nth_day(w * kEach + i));
        ASSERT_TRUE(mine.has_value());
        repo->sync_writes();
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(stored().size(), static_cast<std::size_t>(kWriters * kEach));
}

TEST(BatchedWriter, AGroupCommitWithoutAFileHasNoWriter) {
  GroupCommit group([] {});
  EXPECT_THROW(group.writer(), std::logic_error);
}

}  // namespace
}  // namespace taperlab::store::testing
