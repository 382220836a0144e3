#include "server/repository_pool.hpp"

namespace taperlab::server {

RepositoryPool::RepositoryPool(Opener open) : open_(std::move(open)) {}

RepositoryPool::Lease::~Lease() {
  if (pool_ && repo_) pool_->give_back(std::move(repo_));
}

RepositoryPool::Lease RepositoryPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto repo = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(repo));
    }
  }
  return Lease(*this, open_());
}

void RepositoryPool::give_back(std::unique_ptr<store::Repository> repo) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(repo));
}

}  // namespace taperlab::server
