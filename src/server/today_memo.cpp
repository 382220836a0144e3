#include "server/today_memo.hpp"

#include <utility>

namespace taperlab::server {

std::shared_ptr<const std::string> TodayMemo::find(PersonId person, CivilDate date,
                                                   std::int64_t version) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(person);
  if (it == entries_.end() || it->second.date != date || it->second.version != version) {
    return nullptr;
  }
  return it->second.body;
}

void TodayMemo::keep(PersonId person, CivilDate date, std::int64_t version, std::string body) {
  if (capacity_ == 0) return;
  auto kept = std::make_shared<const std::string>(std::move(body));
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(person)) entries_.clear();
  entries_[person] = Entry{date, version, std::move(kept)};
}

std::size_t TodayMemo::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace taperlab::server
