// The write-ahead log stays bounded under a sustained load (issue 24): for 60 s, 8 threads add
// check-ins at full speed through the server's store (repositories sharing a GroupCommit, each
// write acknowledged after sync_writes, as the server answers 201), while 2 threads read as GET
// today does. The "-wal" file, sampled every 5 ms, stays under 64 MiB throughout; after the load
// it is cut to 0 bytes; after closing and reopening the file too; every acknowledged check-in is
// there. Before issue 24 the same load left a log of gigabytes.
//
// Its own ctest entry (labels store and slow), beside the quick tests in wal_checkpoint_test.cpp.
// TAPERLAB_WAL_LOAD_SECONDS sets the duration (60). TAPERLAB_WAL_LOAD_PASSIVE_ONLY=1 measures the
// old behaviour for comparison (PASSIVE checkpoints only: restarts at a size never reached) and
// then checks nothing about the size. It prints one line, "WAL load: ...", with the figures.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/open.hpp"
#include "store/sqlite/wal.hpp"
#include "store/temp_folder.hpp"
#include "store/wal_wait.hpp"

namespace taperlab::store::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::uintmax_t kMiB = 1024 * 1024;
constexpr int kWriters = 8;
constexpr int kReaders = 2;
constexpr int kDaysPerPerson = 365;  // then the writer goes on with a new person

int load_seconds() {
  if (const char* s = std::getenv("TAPERLAB_WAL_LOAD_SECONDS"); s && *s) return std::atoi(s);
  return 60;
}

bool passive_only() {
  const char* s = std::getenv("TAPERLAB_WAL_LOAD_PASSIVE_ONLY");
  return s && std::string(s) == "1";
}

// What the server's check-in route stores: a few symptoms, sleep, mood and a short note.
CheckIn load_check_in(PersonId person, int day) {
  CheckIn c;
  c.person_id = person;
  c.date = parse_civil_date("2026-01-01", "test").plus_days(day);
  c.symptoms = {{"anxiety", day % 5}, {"insomnia", (day / 5) % 5}};
  c.sleep.quality = day % 11;
  c.mood = (day * 7) % 11;
  c.notes = "bench";
  c.recorded_at = "2026-01-01T08:00:00Z";
  return c;
}

PersonId load_person(Repository& repo, int writer, int n) {
  Person p;
  p.name = "writer " + std::to_string(writer) + " person " + std::to_string(n);
  p.created_on = parse_civil_date("2026-01-01", "test");
  const PersonId id = repo.add_person(p);
  repo.sync_writes();
  return id;
}

TEST(WalLoad, TheLogStaysUnder64MiBForAMinuteOfWritesAndIsTruncatedAfter) {
  TempFolder folder;
  const auto file = folder.path() / "taperlab.db";
  WalLimits limits;
  if (passive_only()) limits.restart_bytes = std::numeric_limits<std::int64_t>::max();
  auto first = open_sqlite_repository(file);  // migrates, and stays open as the server's does
  auto group = std::make_shared<GroupCommit>(file, limits);

  struct Writer {
    std::unique_ptr<Repository> repo;
    std::vector<std::pair<PersonId, int>> acknowledged;  // person, check-ins acknowledged
  };
  std::vector<Writer> writers(kWriters);
  for (auto& w : writers) w.repo = open_sqlite_repository(file, group);
  const PersonId reader_person = load_person(*writers[0].repo, -1, 0);

  std::atomic<bool> stop{false};
  std::atomic<long> reads{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      Writer& w = writers[i];
      for (int n = 0; !stop; ++n) {
        w.acknowledged.emplace_back(load_person(*w.repo, i, n), 0);
        for (int day = 0; day < kDaysPerPerson && !stop; ++day) {
          w.repo->add_check_in(load_check_in(w.acknowledged.back().first, day));
          w.repo->sync_writes();
          ++w.acknowledged.back().second;
        }
      }
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      auto repo = open_sqlite_repository(file, group);
      while (!stop) {
        repo->read_snapshot([&] {
          repo->find_person(reader_person);
          repo->auth_generation();
          repo->journal_version(reader_person);
          repo->check_ins(reader_person, parse_civil_date("2026-01-01", "test"),
                          parse_civil_date("2026-12-31", "test"));
        });
        ++reads;
      }
    });
  }

  std::uintmax_t largest = 0;
  std::uintmax_t largest_at_s = 0;
  const auto begin = Clock::now();
  const auto end = begin + std::chrono::seconds(load_seconds());
  for (auto now = begin; now < end; now = Clock::now()) {
    const std::uintmax_t size = sqlite::wal_file_size(file);
    if (size > largest) {
      largest = size;
      largest_at_s = std::chrono::duration_cast<std::chrono::seconds>(now - begin).count();
    }
    std::this_thread::sleep_for(5ms);
  }
  stop = true;
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  const std::uintmax_t at_end = sqlite::wal_file_size(file);

  long written = 0;
  for (const auto& w : writers) {
    for (const auto& [person, count] : w.acknowledged) written += count;
  }
  const std::uintmax_t after_load = passive_only() ? at_end : wal_size_within(file, 0, 5s);
  std::this_thread::sleep_for(50ms);  // the truncate is counted just after the file was cut
  const CheckpointCounts counts = group->checkpoint_counts();
  std::printf(
      "WAL load: %s, %d writers, %d readers, %.1f s: %ld check-ins (%.0f/s), %ld reads (%.0f/s); "
      "-wal largest %.1f MiB (at %ju s), %.1f MiB at the end of the load, %.1f MiB after; "
      "database %.1f MiB; checkpoints: %ju passive, %ju restarts (%ju gave up on a reader), %ju "
      "truncates, writes held back at most %.1f ms\n",
      passive_only() ? "PASSIVE only (before issue 24)" : "restarts past 16 MiB", kWriters,
      kReaders, seconds, written, static_cast<double>(written) / seconds, reads.load(),
      static_cast<double>(reads.load()) / seconds, static_cast<double>(largest) / kMiB,
      largest_at_s, static_cast<double>(at_end) / kMiB, static_cast<double>(after_load) / kMiB,
      static_cast<double>(std::filesystem::file_size(file)) / kMiB,
      static_cast<std::uintmax_t>(counts.passive), static_cast<std::uintmax_t>(counts.restarts),
      static_cast<std::uintmax_t>(counts.restarts_busy),
      static_cast<std::uintmax_t>(counts.truncates),
      static_cast<double>(counts.longest_hold.count()) / 1000.0);
  std::fflush(stdout);
  if (passive_only()) return;

  EXPECT_GT(written, 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_LT(largest, 64 * kMiB) << "the -wal file during the load";
  EXPECT_EQ(after_load, 0u) << "the -wal file after the load";

  // Every acknowledged check-in is there.
  for (int i = 0; i < kWriters; ++i) {
    for (const auto& [person, count] : writers[i].acknowledged) {
      const auto stored = first->check_ins(person, parse_civil_date("2026-01-01", "test"),
                                           parse_civil_date("2027-12-31", "test"));
      ASSERT_EQ(stored.size(), static_cast<std::size_t>(count))
          << "writer " << i << ", person " << person;
    }
  }

  // Closing (the server's shutdown: its connections, then the group commit, while the first
  // repository is still open) leaves no log; nor does opening the file again.
  writers.clear();
  group.reset();
  EXPECT_EQ(sqlite::wal_file_size(file), 0u) << "the -wal file after closing";
  first.reset();
  auto reopened_group = std::make_shared<GroupCommit>(file);
  auto reopened = open_sqlite_repository(file, reopened_group);
  EXPECT_TRUE(reopened->find_person(reader_person).has_value());
  EXPECT_LT(sqlite::wal_file_size(file), kMiB) << "the -wal file after reopening";
  reopened.reset();
  reopened_group.reset();
  EXPECT_EQ(sqlite::wal_file_size(file), 0u) << "the -wal file after closing again";
}

}  // namespace
}  // namespace taperlab::store::testing
