#include "journal/parsed_plans.hpp"

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/error.hpp"

namespace taperlab::journal {
namespace {

// Enough for every person active on one server; a parsed plan takes a few hundred kilobytes.
constexpr std::size_t kCapacity = 128;

bool same_row(const store::PlanVersionText& a, const store::PlanVersionText& b) {
  const PlanVersion& x = a.version;
  const PlanVersion& y = b.version;
  return x.id == y.id && x.person_id == y.person_id && x.version == y.version &&
         x.effective_from == y.effective_from && x.reason == y.reason &&
         x.decision_id == y.decision_id && x.recorded_at == y.recorded_at &&
         a.request == b.request && a.plan == b.plan;
}

class ParsedPlanCache {
 public:
  std::shared_ptr<const ParsedPlanVersion> find(const store::PlanVersionText& stored) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(stored.version.id);
    if (it == entries_.end() || !same_row(it->second.stored, stored)) return nullptr;
    return it->second.parsed;
  }

  void keep(const store::PlanVersionText& stored,
            const std::shared_ptr<const ParsedPlanVersion>& parsed) {
    std::lock_guard<std::mutex> lock(mutex_);
    const RecordId id = stored.version.id;
    if (entries_.find(id) == entries_.end()) {
      order_.push_back(id);
      if (order_.size() > kCapacity) {
        entries_.erase(order_.front());
        order_.pop_front();
      }
    }
    entries_[id] = Entry{stored, parsed};
  }

 private:
  struct Entry {
    store::PlanVersionText stored;
    std::shared_ptr<const ParsedPlanVersion> parsed;
  };
  std::mutex mutex_;
  std::unordered_map<RecordId, Entry> entries_;
  std::deque<RecordId> order_;  // oldest first
};

ParsedPlanCache& cache() {
  static ParsedPlanCache instance;
  return instance;
}

}  // namespace

std::shared_ptr<const ParsedPlanVersion> parsed_plan(const store::PlanVersionText& stored) {
  if (auto hit = cache().find(stored)) return hit;
  auto parsed = std::make_shared<ParsedPlanVersion>();
  parsed->version = stored.version;
  try {
    parsed->version.request = nlohmann::json::parse(stored.request);
    parsed->version.plan = nlohmann::json::parse(stored.plan);
  } catch (const nlohmann::json::exception&) {
    throw StorageError("stored plan version " + std::to_string(stored.version.id) +
                       " is unreadable");
  }
  parsed->view = parse_plan_view(parsed->version.plan);
  std::shared_ptr<const ParsedPlanVersion> shared = std::move(parsed);
  cache().keep(stored, shared);
  return shared;
}

}  // namespace taperlab::journal
