#pragma once

// The sessions of recent requests, kept in memory by token hash. Every signed-in request needs its
// session, account and person; reading and decoding them was a tenth of a GET today. An entry is
// used only while the store's auth_generation is the one it was read at: signing out, an
// expired session swept away, a changed account or profile, in this process or any other, moves
// the generation and sends the next request back to the store. Expiry is still checked by the
// caller on every request.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "store/repository.hpp"

namespace taperlab::server {

class SignedInCache {
 public:
  // At most `capacity` sessions (0: none); when full, it starts again from empty.
  explicit SignedInCache(std::size_t capacity = 4096) : capacity_(capacity) {}
  SignedInCache(const SignedInCache&) = delete;
  SignedInCache& operator=(const SignedInCache&) = delete;

  // What was kept for `token_hash`, if it was read at `generation`.
  [[nodiscard]] std::shared_ptr<const store::SignedIn> find(const std::string& token_hash,
                                                            std::int64_t generation) const;
  // Keeps `signed_in`, read at `generation` (read before it, so that a change committed between
  // the two reads leaves the entry older than the store, never newer).
  void keep(const std::string& token_hash, std::int64_t generation,
            std::shared_ptr<const store::SignedIn> signed_in);

  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    std::int64_t generation = 0;
    std::shared_ptr<const store::SignedIn> signed_in;
  };
  const std::size_t capacity_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace taperlab::server
