#pragma once

// One SQLite connection per concurrent request: a connection is not shared between threads, and
// WAL mode lets readers go on while one writer commits. Connections are reused, not reopened.

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/repository.hpp"

namespace taperlab::server {

class RepositoryPool {
 public:
  using Opener = std::function<std::unique_ptr<store::Repository>()>;
  explicit RepositoryPool(Opener open);

  class Lease {
   public:
    Lease(RepositoryPool& pool, std::unique_ptr<store::Repository> repo)
        : pool_(&pool), repo_(std::move(repo)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    store::Repository& operator*() const { return *repo_; }
    store::Repository* operator->() const { return repo_.get(); }

   private:
    RepositoryPool* pool_;
    std::unique_ptr<store::Repository> repo_;
  };

  Lease acquire();

 private:
  void give_back(std::unique_ptr<store::Repository> repo);
  Opener open_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Repository>> idle_;
};

}  // namespace taperlab::server
