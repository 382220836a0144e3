#pragma once

// The abrupt stops beside recent plan previews, by regimen, model settings and equivalence table.
// The wizard previews one strategy after another for the same regimen, and the abrupt stop shown
// beside each is the same: simulating it again was a third of every preview's work. Entries are
// computations from a request's own inputs, with no person attached, and live only in memory.
// Beside each stop the memo keeps its series as the last preview wrote it (JSON text, a fifth of
// the answer): the next preview of the same regimen from the same day writes the same text.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/plan/planner.hpp"

namespace taperlab::server {

class AbruptStopMemo {
 public:
  // Courses longer than this are not kept: a memo of `capacity` entries then holds a few MB.
  static constexpr int kMaxKeptDays = 5 * 365;

  explicit AbruptStopMemo(std::size_t capacity = 128);
  AbruptStopMemo(const AbruptStopMemo&) = delete;
  AbruptStopMemo& operator=(const AbruptStopMemo&) = delete;

  // The abrupt stop kept for `key`, if any.
  [[nodiscard]] std::optional<AbruptStop> find(const AbruptStopKey& key);
  // Keeps `stop` for `key` unless a course at least as long is kept already; when full, the
  // entry used least recently makes room.
  void keep(const AbruptStopKey& key, const AbruptStop& stop);

  // The text kept by keep_series_text for `key`, if it was written for `start` and `days`.
  [[nodiscard]] std::shared_ptr<const std::string> find_series_text(
      const AbruptStopKey& key, const std::optional<CivilDate>& start, int days);
  // Keeps the abrupt stop's series, written for a plan from `start` over `days` days, beside the
  // stop kept for `key` (none kept: nothing is). It goes when that stop is replaced.
  void keep_series_text(const AbruptStopKey& key, const std::optional<CivilDate>& start, int days,
                        std::shared_ptr<const std::string> text);

  [[nodiscard]] std::size_t size();

 private:
  struct Entry {
    AbruptStopKey key;
    std::shared_ptr<const AbruptStop> stop;
    std::uint64_t last_used = 0;
    struct SeriesText {
      std::shared_ptr<const std::string> text;
      std::optional<CivilDate> start;  // the plan's start and length it was written for
      int days = 0;
    };
    std::optional<SeriesText> series;
  };
  Entry* entry_for(const AbruptStopKey& key);  // with mutex_ held

  const std::size_t capacity_;
  std::mutex mutex_;
  std::vector<Entry> entries_;
  std::uint64_t clock_ = 0;
};

}  // namespace taperlab::server
