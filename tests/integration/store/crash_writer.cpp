// The crash test's victim (crash_test.cpp): appends one check-in per day to a database, starting
// after the last stored day, and prints each day on stdout only once add_check_in has returned.
// It runs until it is killed. Usage: taperlab_store_crash_writer DATABASE_FILE [--group THREADS]
//
// With --group, as the server writes: THREADS threads, each adding check-ins for a person of its
// own ("crash test N"), through repositories sharing a GroupCommit whose WAL limits are tiny (a
// RESTART checkpoint every round, a TRUNCATE after 20 ms without commits), beside a thread that
// reads; each prints "N DAY" once sync_writes has returned, as the server answers 201 then.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/journal/records.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/open.hpp"

namespace {

using taperlab::CheckIn;
using taperlab::CivilDate;
using taperlab::parse_civil_date;

// One write(2) per line: the line reaches the pipe whole even when SIGKILL follows right after
// (and lines of several threads do not mix: a pipe takes writes of up to PIPE_BUF bytes whole).
void acknowledge(const CivilDate& date, const std::string& prefix = "") {
  const std::string line = prefix + date.to_string() + "\n";
  if (::write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    std::_Exit(3);  // the reader is gone
  }
}

CheckIn check_in_for(taperlab::PersonId person, CivilDate date, int n) {
  CheckIn c;
  c.person_id = person;
  c.date = date;
  c.symptoms = {{"anxiety", n % 5}, {"insomnia", (n / 5) % 5}, {"tremor", (n / 25) % 5}};
  c.sleep.quality = n % 11;
  c.habits.alcohol_units = (n % 1000) * 0.1;
  c.mood = (n * 7) % 11;
  c.notes = "day " + std::to_string(n) + " — written by the crash writer";
  c.recorded_at = date.to_string() + "T08:00:00Z";
  return c;
}

CivilDate day_after_stored(taperlab::store::Repository& repo, taperlab::PersonId person, int& n) {
  const auto stored = repo.check_ins(person, parse_civil_date("1970-01-01", "from"),
                                     parse_civil_date("2200-12-31", "to"));
  n = static_cast<int>(stored.size());
  return stored.empty() ? parse_civil_date("2026-01-01", "start") : stored.back().date.plus_days(1);
}

// --group THREADS: see the top of the file.
int run_group(const std::string& file, int threads) {
  using namespace std::chrono_literals;
  std::vector<taperlab::PersonId> people;
  auto first =
      taperlab::store::open_sqlite_repository(file);  // opens (and truncates) as serve does
  for (int t = 0; t < threads; ++t) {
    const std::string name = "crash test " + std::to_string(t);
    taperlab::PersonId id = 0;
    for (const auto& p : first->people()) {
      if (p.name == name) id = p.id;
    }
    if (id == 0) {
      taperlab::Person p;
      p.name = name;
      p.created_on = parse_civil_date("2026-01-01", "start");
      id = first->add_person(p);
    }
    people.push_back(id);
  }
  taperlab::store::WalLimits limits;
  limits.restart_bytes = 32 * 1024;
  limits.idle_before_truncate = 20ms;
  auto group = std::make_shared<taperlab::store::GroupCommit>(file, limits);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        auto repo = taperlab::store::open_sqlite_repository(file, group);
        int n = 0;
        CivilDate next = day_after_stored(*repo, people[t], n);
        const std::string prefix = std::to_string(t) + " ";
        for (; n < 20000; ++n) {
          repo->add_check_in(check_in_for(people[t], next, n));
          repo->sync_writes();
          acknowledge(next, prefix);
          next = next.plus_days(1);
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "crash writer: %s\n", e.what());
        std::_Exit(1);
      }
    });
  }
  workers.emplace_back([&] {
    try {
      auto repo = taperlab::store::open_sqlite_repository(file, group);
      for (;;) {
        repo->read_snapshot([&] {
          for (const auto person : people) {
            repo->check_ins(person, parse_civil_date("2026-01-01", "from"),
                            parse_civil_date("2026-03-01", "to"));
          }
        });
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "crash writer (reader): %s\n", e.what());
      std::_Exit(1);
    }
  });
  for (auto& w : workers) w.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[2]) == "--group") {
    try {
      return run_group(argv[1], std::atoi(argv[3]));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "crash writer: %s\n", e.what());
      return 1;
    }
  }
  if (argc != 2) {
    std::fprintf(stderr, "usage: taperlab_store_crash_writer DATABASE_FILE [--group THREADS]\n");
    return 2;
  }
  try {
    auto repo = taperlab::store::open_sqlite_repository(argv[1]);
    taperlab::PersonId person = 0;
    const auto people = repo->people();
    if (people.empty()) {
      taperlab::Person p;
      p.name = "crash test";
      p.created_on = parse_civil_date("2026-01-01", "start");
      person = repo->add_person(p);
    } else {
      person = people.front().id;
    }
    const auto stored = repo->check_ins(person, parse_civil_date("1970-01-01", "from"),
                                        parse_civil_date("2200-12-31", "to"));
    CivilDate next =
        stored.empty() ? parse_civil_date("2026-01-01", "start") : stored.back().date.plus_days(1);
    // Bounded so that a writer whose parent vanished without closing the pipe stops by itself.
    for (int n = static_cast<int>(stored.size()); n < 20000; ++n) {
      repo->add_check_in(check_in_for(person, next, n));
      acknowledge(next);
      next = next.plus_days(1);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash writer: %s\n", e.what());
    return 1;
  }
  return 0;
}
