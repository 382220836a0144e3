#include "server/signed_in_cache.hpp"

#include <mutex>
#include <utility>

namespace taperlab::server {

std::shared_ptr<const store::SignedIn> SignedInCache::find(const std::string& token_hash,
                                                           std::int64_t generation) const {
  std::shared_lock lock(mutex_);
  const auto it = entries_.find(token_hash);
  if (it == entries_.end() || it->second.generation != generation) return nullptr;
  return it->second.signed_in;
}

void SignedInCache::keep(const std::string& token_hash, std::int64_t generation,
                         std::shared_ptr<const store::SignedIn> signed_in) {
  if (capacity_ == 0) return;
  std::unique_lock lock(mutex_);
  // Entries of an older generation are of no use any more: drop them all at once.
  if (entries_.size() >= capacity_ ||
      (!entries_.empty() && entries_.begin()->second.generation != generation)) {
    entries_.clear();
  }
  entries_[token_hash] = Entry{generation, std::move(signed_in)};
}

std::size_t SignedInCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

}  // namespace taperlab::server
