// The server's batched writes (store/sqlite/batched_writer.hpp), through repositories sharing a
// GroupCommit: writes queued while a batch runs share the next commit and run in arrival order; a
// write that fails is undone alone and its error reaches its own thread; every acknowledged write
// is stored.

#include "store/sqlite/batched_writer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/base/error.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/open.hpp"
#include "store/temp_folder.hpp"

namespace taperlab::store::testing {
namespace {

using namespace std::chrono_literals;

CivilDate day(int n) { return parse_civil_date("2026-01-01", "test").plus_days(n); }

CheckIn check_in_on(PersonId person, int n) {
  CheckIn c;
  c.person_id = person;
  c.date = day(n);
  c.symptoms = {{"anxiety", 1}};
  c.recorded_at = "2026-01-01T00:00:00Z";
  return c;
}

// A batch held open: its write waits inside the transaction until release() is called, so the
// writes started meanwhile queue behind it.
class HeldBatch {
 public:
  HeldBatch(Repository& repo, PersonId person)
      : thread_([this, &repo, person] {
          repo.transaction([&] {
            repo.add_check_in(check_in_on(person, 0));
            std::unique_lock<std::mutex> lock(mutex_);
            holding_ = true;
            changed_.notify_all();
            changed_.wait(lock, [&] { return released_; });
          });
        }) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return holding_; });
  }
  ~HeldBatch() {
    release();
    thread_.join();
  }
  void release() {
    std::lock_guard<std::mutex> lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool holding_ = false;
  bool released_ = false;
  std::thread thread_;  // last: started when the members above are ready
};

class BatchedWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    group_ = std::make_shared<GroupCommit>(file_);
    auto setup = open_sqlite_repository(file_, group_);
    Person p;
    p.name = "Sam";
    p.created_on = day(0);
    person_ = setup->add_person(p);
  }

  std::vector<CheckIn> stored() {
    auto reader = open_sqlite_repository(file_);
    return reader->check_ins(person_, day(0), day(100));
  }

  TempFolder folder_;
  std::filesystem::path file_ = folder_.path() / "taperlab.db";
  std::shared_ptr<GroupCommit> group_;
  PersonId person_ = 0;
};

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
    EXPECT_EQ(rows[i].date, day(static_cast<int>(i)));
    EXPECT_GT(rows[i].id, rows[i - 1].id) << "the writes ran in the order they arrived";
  }
}

TEST_F(BatchedWriterTest, AFailedWriteIsUndoneAloneAndItsErrorReachesItsOwnThread) {
  std::vector<std::unique_ptr<Repository>> repos;
  for (int i = 0; i <= 5; ++i) repos.push_back(open_sqlite_repository(file_, group_));
  std::vector<std::thread> writers;
  bool thrown_reached_writer = false;
  bool duplicate_refused = false;
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
  EXPECT_EQ(dates, (std::vector<CivilDate>{day(0), day(1), day(3), day(5)}));
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
        const auto mine = repo->check_in_on(person_, day(w * kEach + i));
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
