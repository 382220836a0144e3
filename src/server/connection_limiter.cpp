#include "server/connection_limiter.hpp"

namespace taperlab::server {

ConnectionLimiter::ConnectionLimiter(int max_total, int max_per_address)
    : max_total_(max_total), max_per_address_(max_per_address) {}

ConnectionLimiter::Slot::~Slot() {
  if (owner_) owner_->release(address_);
}

std::optional<ConnectionLimiter::Slot> ConnectionLimiter::admit(const std::string& address) {
  std::lock_guard lock(mutex_);
  if (total_ >= max_total_) return std::nullopt;
  int& count = per_address_[address];
  if (count >= max_per_address_) {
    if (count == 0) per_address_.erase(address);
    return std::nullopt;
  }
  ++count;
  ++total_;
  return Slot(this, address);
}

void ConnectionLimiter::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  --total_;
  auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
}

int ConnectionLimiter::open() const {
  std::lock_guard lock(mutex_);
  return total_;
}

int ConnectionLimiter::open_from(const std::string& address) const {
  std::lock_guard lock(mutex_);
  auto it = per_address_.find(address);
  return it == per_address_.end() ? 0 : it->second;
}

}  // namespace taperlab::server
