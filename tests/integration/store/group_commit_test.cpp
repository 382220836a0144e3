// Group commit (store/sqlite/group_commit.hpp): one flush serves every commit made before it
// began, a failed flush is reported and retried; and the
// server's connections through it: synchronous=NORMAL, every acknowledged write readable.

#include "store/sqlite/group_commit.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "core/base/error.hpp"
#include "store/sqlite/open.hpp"
#include "store/temp_folder.hpp"

namespace taperlab::store::testing {
namespace {

using namespace std::chrono_literals;

TEST(GroupCommit, OneFlushServesTheCommitsMadeBeforeItBegan) {
  // Flushes run one at a time, so flush number n begins after flush n - 1 has finished.
  std::atomic<int> started{0};
  std::atomic<int> finished{0};
  GroupCommit group([&] {
    ++started;
    std::this_thread::sleep_for(20ms);  // a slow disk: commits pile up meanwhile
    ++finished;
  });

  constexpr int kWriters = 16;
  std::mutex commit_mutex;  // commits one at a time, as a database makes them
  std::vector<std::thread> writers;
  std::vector<int> started_before_commit(kWriters);
  std::vector<int> finished_at_return(kWriters);
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      std::unique_lock<std::mutex> commit(commit_mutex);
      started_before_commit[i] = started.load();
      const std::uint64_t ticket = group.committed();
      commit.unlock();
      group.sync_through(ticket);
      finished_at_return[i] = finished.load();
    });
  }
  for (auto& t : writers) t.join();

  EXPECT_GE(finished.load(), 1);
  EXPECT_LT(finished.load(), kWriters) << "every commit had a flush of its own";
  // Each writer returned after a flush that began after its commit had finished.
  for (int i = 0; i < kWriters; ++i) {
    EXPECT_GE(finished_at_return[i], started_before_commit[i] + 1) << "writer " << i;
  }
  // Nothing new to make durable: no further flush.
  const int before = finished.load();
  group.sync_through(1);
  EXPECT_EQ(finished.load(), before);
}

TEST(GroupCommit, AFailedFlushIsReportedAndTheNextCallTriesAgain) {
  int calls = 0;
  GroupCommit group([&] {
    if (++calls == 1) throw StorageError("disk on fire");
  });
  const std::uint64_t ticket = group.committed();
  EXPECT_THROW(group.sync_through(ticket), StorageError);
  EXPECT_NO_THROW(group.sync_through(ticket));
  EXPECT_EQ(calls, 2);
}

TEST(GroupCommit, ServerConnectionsCommitWithNormalSyncAndEveryWriteIsRead) {
  TempFolder folder;
  const auto file = folder.path() / "taperlab.db";
  auto group = std::make_shared<GroupCommit>(file);
  constexpr int kWriters = 4;
  constexpr int kEach = 25;
  PersonId person = 0;
  {
    auto setup = open_sqlite_repository(file, group);
    Person p;
    p.name = "Sam";
    p.created_on = parse_civil_date("2026-01-01", "test");
    person = setup->add_person(p);
    setup->sync_writes();
    EXPECT_TRUE(std::filesystem::exists(file.string() + "-wal"));
  }
  std::atomic<int> acknowledged{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto repo = open_sqlite_repository(file, group);
      for (int i = 0; i < kEach; ++i) {
        CheckIn c;
        c.person_id = person;
        c.date = parse_civil_date("2026-01-01", "test").plus_days(w * kEach + i);
        c.symptoms = {{"anxiety", 1}};
        c.recorded_at = "2026-01-01T00:00:00Z";
        repo->add_check_in(c);
        repo->sync_writes();
        ++acknowledged;
      }
    });
  }
  for (auto& t : writers) t.join();
  auto reader = open_sqlite_repository(file);
  const auto stored = reader->check_ins(person, parse_civil_date("2026-01-01", "test"),
                                        parse_civil_date("2027-01-01", "test"));
  EXPECT_EQ(static_cast<int>(stored.size()), acknowledged.load());
  EXPECT_EQ(acknowledged.load(), kWriters * kEach);
}

TEST(GroupCommit, SyncWithoutAWriteAheadLogHasNothingToDo) {
  TempFolder folder;
  GroupCommit group(folder.path() / "never-opened.db");
  EXPECT_NO_THROW(group.sync_through(group.committed()));
}

}  // namespace
}  // namespace taperlab::store::testing
