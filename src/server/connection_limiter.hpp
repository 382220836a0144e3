#pragma once

// How many connections are open, in total and per remote address: a connection beyond either
// limit is closed as soon as it is accepted, so one address cannot take every socket the process
// may open (http_server.cpp). Thread-safe.

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace taperlab::server {

class ConnectionLimiter {
 public:
  ConnectionLimiter(int max_total, int max_per_address);

  // A place held for one open connection; it is given back when the slot is destroyed.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : owner_(other.owner_), address_(std::move(other.address_)) {
      other.owner_ = nullptr;
    }
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();

   private:
    friend class ConnectionLimiter;
    Slot(ConnectionLimiter* owner, std::string address)
        : owner_(owner), address_(std::move(address)) {}
    ConnectionLimiter* owner_;
    std::string address_;
  };

  // A slot for a new connection from `address`, or nullopt when either limit is reached.
  std::optional<Slot> admit(const std::string& address);

  [[nodiscard]] int open() const;
  [[nodiscard]] int open_from(const std::string& address) const;

 private:
  void release(const std::string& address);

  const int max_total_;
  const int max_per_address_;
  mutable std::mutex mutex_;
  int total_ = 0;
  std::unordered_map<std::string, int> per_address_;
};

}  // namespace taperlab::server
