#include "server/plan_search_memo.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/journal/plan_request_json.hpp"

namespace taperlab::server {

PlanSearchMemo::PlanSearchMemo(std::size_t capacity)
    : capacity_(std::max<std::size_t>(1, capacity)) {}

std::string PlanSearchMemo::key_of(const PlanRequest& request) {
  PlanRequest without_choice = request;
  without_choice.settings.alternative.reset();
  return to_json(without_choice).dump();
}

std::shared_ptr<const PlanSearchResult> PlanSearchMemo::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  for (auto& e : entries_) {
    if (e.key == key) {
      e.last_used = ++clock_;
      return e.result;
    }
  }
  return nullptr;
}

void PlanSearchMemo::keep(const std::string& key, std::shared_ptr<const PlanSearchResult> result) {
  if (!result) return;
  std::lock_guard lock(mutex_);
  for (auto& e : entries_) {
    if (e.key == key) {
      e.result = std::move(result);
      e.last_used = ++clock_;
      return;
    }
  }
  if (entries_.size() >= capacity_) {
    auto oldest =
        std::min_element(entries_.begin(), entries_.end(),
                         [](const Entry& a, const Entry& b) { return a.last_used < b.last_used; });
    entries_.erase(oldest);
  }
  entries_.push_back({key, std::move(result), ++clock_});
}

std::size_t PlanSearchMemo::size() {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace taperlab::server
