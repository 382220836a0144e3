#pragma once

// The abrupt stops beside recent plan previews, by regimen, model settings and equivalence table.
// The wizard previews one strategy after another for the same regimen, and the abrupt stop shown
// beside each is the same: simulating it again was a third of every preview's work. Entries are
// computations from a request's own inputs, with no person attached, and live only in memory.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

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

  [[nodiscard]] std::size_t size();

 private:
  struct Entry {
    AbruptStopKey key;
    std::shared_ptr<const AbruptStop> stop;
    std::uint64_t last_used = 0;
  };
  Entry* entry_for(const AbruptStopKey& key);  // with mutex_ held

  const std::size_t capacity_;
  std::mutex mutex_;
  std::vector<Entry> entries_;
  std::uint64_t clock_ = 0;
};

}  // namespace taperlab::server
