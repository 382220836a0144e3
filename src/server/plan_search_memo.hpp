#pragma once

// The alternatives found for recent plan previews, by the whole request (which alternative is
// chosen aside). When a person's products cannot make a plan alone, a preview builds and simulates
// every alternative; the wizard then previews the same request again when the person picks
// another card, and only the chosen plan needs building. Entries are computations from a
// request's own inputs (the regimen, profile and options it carries) and live only in memory.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/plan/planner.hpp"

namespace taperlab::server {

class PlanSearchMemo {
 public:
  explicit PlanSearchMemo(std::size_t capacity = 64);
  PlanSearchMemo(const PlanSearchMemo&) = delete;
  PlanSearchMemo& operator=(const PlanSearchMemo&) = delete;

  // The key of a request: its stored form without the alternative chosen.
  [[nodiscard]] static std::string key_of(const PlanRequest& request);

  [[nodiscard]] std::shared_ptr<const PlanSearchResult> find(const std::string& key);
  // When full, the entry used least recently makes room.
  void keep(const std::string& key, std::shared_ptr<const PlanSearchResult> result);
  [[nodiscard]] std::size_t size();

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const PlanSearchResult> result;
    std::uint64_t last_used = 0;
  };
  std::mutex mutex_;
  std::vector<Entry> entries_;
  std::size_t capacity_;
  std::uint64_t clock_ = 0;
};

}  // namespace taperlab::server
