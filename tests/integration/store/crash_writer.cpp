// The crash test's victim (crash_test.cpp): appends one check-in per day to a database, starting
// after the last stored day, and prints each day on stdout only once add_check_in has returned.
// It runs until it is killed. Usage: taperlab_store_crash_writer DATABASE_FILE

#include <unistd.h>

#include <cstdio>
#include <exception>
#include <string>

#include "core/journal/records.hpp"
#include "store/sqlite/open.hpp"

namespace {

using taperlab::CheckIn;
using taperlab::CivilDate;
using taperlab::parse_civil_date;

// One write(2) per line: the line reaches the pipe whole even when SIGKILL follows right after.
void acknowledge(const CivilDate& date) {
  const std::string line = date.to_string() + "\n";
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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: taperlab_store_crash_writer DATABASE_FILE\n");
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
    const auto stored = repo->check_ins(person, parse_civil_date("1900-01-01", "from"),
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
