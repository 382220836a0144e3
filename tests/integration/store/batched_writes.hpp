#pragma once

// What the batched writer's tests share (batched_writer_test.cpp, batched_writer_failure_test.cpp):
// check-ins by day, a batch held open so that the writes started meanwhile queue behind it, and a
// database with one person whose repositories share a GroupCommit.

#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/base/civil_date.hpp"
#include "store/repository.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/open.hpp"
#include "store/temp_folder.hpp"

namespace taperlab::store::testing {

inline CivilDate nth_day(int n) { return parse_civil_date("2026-01-01", "test").plus_days(n); }

inline CheckIn check_in_on(PersonId person, int n) {
  CheckIn c;
  c.person_id = person;
  c.date = nth_day(n);
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
    p.created_on = nth_day(0);
    person_ = setup->add_person(p);
  }

  std::vector<CheckIn> stored() {
    auto reader = open_sqlite_repository(file_);
    return reader->check_ins(person_, nth_day(0), nth_day(100));
  }

  TempFolder folder_;
  std::filesystem::path file_ = folder_.path() / "taperlab.db";
  std::shared_ptr<GroupCommit> group_;
  PersonId person_ = 0;
};

}  // namespace taperlab::store::testing
