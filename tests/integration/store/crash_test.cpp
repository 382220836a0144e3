// An acknowledged write survives a crash: a writer process is killed with SIGKILL at random
// moments, again and again on the same file; every check-in it acknowledged must be there after,
// and the file must pass SQLite's integrity check. Seeded; set TAPERLAB_CRASH_SEED to replay.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "store/sqlite/open.hpp"
#include "store/temp_folder.hpp"

extern char** environ;

namespace taperlab::store::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kRounds = 20;
constexpr int kMinDelayMs = 5;
constexpr int kMaxDelayMs = 200;

unsigned crash_seed() {
  if (const char* s = std::getenv("TAPERLAB_CRASH_SEED"))
    return static_cast<unsigned>(std::stoul(s));
  return std::random_device{}();
}

// One run of the writer: started, left to write for `delay`, killed. Returns the lines it
// printed, i.e. the days whose check-in add_check_in had acknowledged.
class WriterRun {
 public:
  WriterRun(const std::filesystem::path& db, std::chrono::milliseconds delay,
            std::vector<std::string> options = {}) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    std::string program = TAPERLAB_CRASH_WRITER;
    std::string file = db.string();
    std::vector<char*> argv = {program.data(), file.data()};
    for (auto& option : options) argv.push_back(option.data());
    argv.push_back(nullptr);
    const int rc = ::posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    read_fd_ = fds[0];
    if (rc != 0) {
      ::close(read_fd_);
      throw std::runtime_error("could not start " + program);
    }
    read_until(Clock::now() + delay);
    ::kill(pid_, SIGKILL);
    read_until(Clock::time_point::max());  // what it printed before dying is still in the pipe
    ::close(read_fd_);
    ::waitpid(pid_, &status_, 0);
  }

  [[nodiscard]] const std::string& output() const { return output_; }
  // Killed by us, as planned (not exited on an error of its own).
  [[nodiscard]] bool killed() const { return WIFSIGNALED(status_) && WTERMSIG(status_) == SIGKILL; }

 private:
  // Reads until the deadline or the end of the pipe.
  void read_until(Clock::time_point deadline) {
    char buffer[4096];
    for (;;) {
      int timeout_ms = -1;
      if (deadline != Clock::time_point::max()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return;
        timeout_ms = static_cast<int>(left.count());
      }
      pollfd p{read_fd_, POLLIN, 0};
      const int ready = ::poll(&p, 1, timeout_ms);
      if (ready == 0) return;
      if (ready < 0) continue;  // EINTR
      const ssize_t n = ::read(read_fd_, buffer, sizeof buffer);
      if (n <= 0) return;  // end of the pipe: the writer is gone
      output_.append(buffer, static_cast<std::size_t>(n));
    }
  }

  pid_t pid_ = 0;
  int read_fd_ = -1;
  int status_ = 0;
  std::string output_;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    out.push_back(text.substr(start, end - start));
  }
  EXPECT_EQ(start, text.size()) << "a partial line: writes are not one line each";
  return out;
}

TEST(CrashTest, AcknowledgedCheckInsSurviveSigkill) {
  const unsigned seed = crash_seed();
  std::cout << "crash test seed " << seed << " (TAPERLAB_CRASH_SEED=" << seed << " to replay)\n";
  RecordProperty("seed", std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_ms(kMinDelayMs, kMaxDelayMs);

  TempFolder folder;
  const auto db = folder.path() / "crash.db";
  const auto started = Clock::now();
  std::vector<std::string> acknowledged;
  int killed_rounds = 0;
  for (int round = 0; round < kRounds; ++round) {
    const WriterRun run(db, std::chrono::milliseconds(delay_ms(rng)));
    if (run.killed()) ++killed_rounds;
    const auto lines = lines_of(run.output());
    acknowledged.insert(acknowledged.end(), lines.begin(), lines.end());
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

  auto repo = open_sqlite_repository(db);
  const auto people = repo->people();
  ASSERT_EQ(people.size(), 1u);
  const auto stored = repo->check_ins(people[0].id, parse_civil_date("1970-01-01", "from"),
                                      parse_civil_date("2200-12-31", "to"));
  std::set<std::string> stored_days;
  for (const auto& c : stored) stored_days.insert(c.date.to_string());
  for (const auto& day : acknowledged) {
    EXPECT_TRUE(stored_days.contains(day)) << "acknowledged but lost: " << day;
  }
  // Each round continued where the data ended: the days are consecutive, with no gap.
  for (std::size_t i = 1; i < stored.size(); ++i) {
    EXPECT_EQ(stored[i - 1].date.plus_days(1), stored[i].date) << stored[i].date.to_string();
  }
  EXPECT_EQ(repo->audit_log(people[0].id).size(), stored.size() + 1);  // audit in the same commit

  SQLite::Database raw(db, SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("PRAGMA integrity_check").getString(), "ok");
  SQLite::Statement dangling(raw, "PRAGMA foreign_key_check");
  EXPECT_FALSE(dangling.executeStep()) << "a row refers to a missing row";

  std::cout << "crash test: " << kRounds << " rounds (" << killed_rounds << " killed), "
            << acknowledged.size() << " acknowledged check-ins, " << stored.size() << " stored, "
            << seconds << " s\n";
  EXPECT_EQ(killed_rounds, kRounds);
  EXPECT_GT(acknowledged.size(), 0u) << "the writer never got to write: nothing was tested";
}

// The same for the server's writes (crash_writer.cpp --group): several threads through a
// GroupCommit, each write acknowledged after sync_writes, while the group commit's thread runs
// RESTART and TRUNCATE checkpoints (tiny WAL limits) and a reader reads: killed at any moment,
// during a checkpoint too, nothing acknowledged is lost.
TEST(CrashTest, AcknowledgedGroupCommitsSurviveSigkillDuringCheckpoints) {
  constexpr int kThreads = 4;
  const unsigned seed = crash_seed();
  std::cout << "crash test seed " << seed << " (TAPERLAB_CRASH_SEED=" << seed << " to replay)\n";
  RecordProperty("seed", std::to_string(seed));
  std::mt19937 rng(seed);
  // Longer runs than above: the group commit's thread checkpoints every 100 ms.
  std::uniform_int_distribution<int> delay_ms(50, 600);

  TempFolder folder;
  const auto db = folder.path() / "crash.db";
  std::vector<std::string> acknowledged;  // "N DAY"
  int killed_rounds = 0;
  for (int round = 0; round < kRounds; ++round) {
    const WriterRun run(db, std::chrono::milliseconds(delay_ms(rng)),
                        {"--group", std::to_string(kThreads)});
    if (run.killed()) ++killed_rounds;
    const auto lines = lines_of(run.output());
    acknowledged.insert(acknowledged.end(), lines.begin(), lines.end());
  }

  auto repo = open_sqlite_repository(db);
  std::set<std::string> stored;  // "N DAY"
  std::size_t rows = 0;
  for (const auto& person : repo->people()) {
    const std::string prefix = person.name.substr(person.name.rfind(' ') + 1) + " ";
    const auto check_ins = repo->check_ins(person.id, parse_civil_date("1970-01-01", "from"),
                                           parse_civil_date("2200-12-31", "to"));
    for (const auto& c : check_ins) stored.insert(prefix + c.date.to_string());
    rows += check_ins.size();
    for (std::size_t i = 1; i < check_ins.size(); ++i) {
      EXPECT_EQ(check_ins[i - 1].date.plus_days(1), check_ins[i].date) << person.name;
    }
  }
  for (const auto& line : acknowledged) {
    EXPECT_TRUE(stored.contains(line)) << "acknowledged but lost: " << line;
  }
  SQLite::Database raw(db, SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("PRAGMA integrity_check").getString(), "ok");
  std::cout << "crash test (group commit): " << kRounds << " rounds (" << killed_rounds
            << " killed), " << acknowledged.size() << " acknowledged check-ins, " << rows
            << " stored\n";
  EXPECT_EQ(killed_rounds, kRounds);
  EXPECT_GT(acknowledged.size(), 0u) << "the writer never got to write: nothing was tested";
}

}  // namespace
}  // namespace taperlab::store::testing
