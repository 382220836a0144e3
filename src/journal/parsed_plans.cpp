#include "journal/parsed_plans.hpp"

#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "core/base/error.hpp"

namespace taperlab::journal {
namespace {

// Enough for every person active on one server; a parsed plan takes a few hundred kilobytes.
constexpr std::size_t kCapacity = 128;

bool same_header(const store::PlanVersionText& a, const store::PlanVersionText& b) {
  const PlanVersion& x = a.version;
  const PlanVersion& y = b.version;
  return x.id == y.id && x.person_id == y.person_id && x.version == y.version &&
         x.effective_from == y.effective_from && x.reason == y.reason &&
         x.decision_id == y.decision_id && x.recorded_at == y.recorded_at &&
         a.revision == b.revision;
}

// A revision is drawn at random when a version is stored and never changed, so the same id with
// the same revision is the same text; versions stored before revisions existed (0) compare it.
bool same_row(const store::PlanVersionText& kept, const store::PlanVersionText& stored) {
  if (!same_header(kept, stored)) return false;
  return stored.revision != 0 || (kept.request == stored.request && kept.plan == stored.plan);
}

class ParsedPlanCache {
 public:
  std::shared_ptr<const ParsedPlanVersion> find(const store::PlanVersionText& stored) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(stored.version.id);
    if (it == entries_.end() || !same_row(it->second.stored, stored)) return nullptr;
    return it->second.parsed;
  }

  std::shared_ptr<const ParsedPlanVersion> find_known(const store::PlanVersionText& header) {
    if (header.revision == 0) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(header.version.id);
    if (it == entries_.end() || !same_header(it->second.stored, header)) return nullptr;
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
    Entry entry{stored, parsed};
    if (stored.revision != 0) {
      // The revision stands for the text from now on; the parsed form holds what it said.
      entry.stored.request.clear();
      entry.stored.plan.clear();
    }
    entries_[id] = std::move(entry);
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

std::shared_ptr<const ParsedPlanVersion> known_plan(const store::PlanVersionText& header) {
  return cache().find_known(header);
}

std::shared_ptr<const ParsedPlanVersion> parsed_plan(const store::PlanVersionText& stored) {
  if (!stored.text_read) {
    throw StorageError("plan version " + std::to_string(stored.version.id) +
                       " was read without its text");
  }
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
