#pragma once

// GET today's answer for each person, kept in memory with the date and the journal_version it was
// built from. The web app asks for today on every visit to its main page, and nothing in the answer
// changes until the person (or their prescriber, or an import) writes something: building it
// again (four queries, the plan step of the day, the JSON) was half of the request's work. Before
// an entry is used, the store's journal_version for the person is read in the request's own
// snapshot; any write of theirs, from any process, moves it (store migration 0004).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/base/civil_date.hpp"
#include "core/journal/records.hpp"

namespace taperlab::server {

class TodayMemo {
 public:
  // At most `capacity` people (0: none); when full, it starts again from empty.
  explicit TodayMemo(std::size_t capacity = 4096) : capacity_(capacity) {}
  TodayMemo(const TodayMemo&) = delete;
  TodayMemo& operator=(const TodayMemo&) = delete;

  // The answer kept for `person` on `date` at `version`, or null.
  [[nodiscard]] std::shared_ptr<const std::string> find(PersonId person, CivilDate date,
                                                        std::int64_t version) const;
  // Keeps `body`, built from data read at `version` (read before the data, so that a write
  // committed between the two leaves the entry older than the store, never newer). One entry per
  // person: the latest replaces the one before.
  void keep(PersonId person, CivilDate date, std::int64_t version, std::string body);

  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    CivilDate date;
    std::int64_t version = 0;
    std::shared_ptr<const std::string> body;
  };
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<PersonId, Entry> entries_;
};

}  // namespace taperlab::server
