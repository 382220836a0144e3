#include "server/abrupt_stop_memo.hpp"

#include <algorithm>

namespace taperlab::server {

AbruptStopMemo::AbruptStopMemo(std::size_t capacity)
    : capacity_(std::max<std::size_t>(1, capacity)) {
  entries_.reserve(capacity_);
}

AbruptStopMemo::Entry* AbruptStopMemo::entry_for(const AbruptStopKey& key) {
  for (auto& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

std::optional<AbruptStop> AbruptStopMemo::find(const AbruptStopKey& key) {
  std::shared_ptr<const AbruptStop> stop;
  {
    std::lock_guard lock(mutex_);
    Entry* e = entry_for(key);
    if (e == nullptr) return std::nullopt;
    e->last_used = ++clock_;
    stop = e->stop;
  }
  return *stop;  // copied outside the lock: kept entries are never changed, only replaced
}

void AbruptStopMemo::keep(const AbruptStopKey& key, const AbruptStop& stop) {
  if (stop.course.days() > kMaxKeptDays) return;
  auto kept = std::make_shared<const AbruptStop>(stop);
  std::lock_guard lock(mutex_);
  if (Entry* e = entry_for(key)) {
    if (e->stop->course.days() < stop.course.days()) {
      e->stop = std::move(kept);
      e->series.reset();
    }
    e->last_used = ++clock_;
    return;
  }
  if (entries_.size() < capacity_) {
    entries_.push_back({key, std::move(kept), ++clock_, {}});
    return;
  }
  auto oldest =
      std::min_element(entries_.begin(), entries_.end(),
                       [](const Entry& a, const Entry& b) { return a.last_used < b.last_used; });
  *oldest = {key, std::move(kept), ++clock_, {}};
}

std::shared_ptr<const std::string> AbruptStopMemo::find_series_text(
    const AbruptStopKey& key, const std::optional<CivilDate>& start, int days) {
  std::lock_guard lock(mutex_);
  Entry* e = entry_for(key);
  if (e == nullptr || !e->series || e->series->days != days || e->series->start != start) {
    return nullptr;
  }
  e->last_used = ++clock_;
  return e->series->text;
}

void AbruptStopMemo::keep_series_text(const AbruptStopKey& key,
                                      const std::optional<CivilDate>& start, int days,
                                      std::shared_ptr<const std::string> text) {
  std::lock_guard lock(mutex_);
  Entry* e = entry_for(key);
  if (e == nullptr || days > e->stop->course.days()) return;
  e->series = Entry::SeriesText{std::move(text), start, days};
}

std::size_t AbruptStopMemo::size() {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace taperlab::server
