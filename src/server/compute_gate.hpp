#pragma once

// Admission for CPU-bound requests (a plan preview simulates a year or more of doses twice).
//
// The server keeps a thread per open connection, so 32 previews at once would share 2 cores as
// 32 threads: each one is slowed by all the others, the scheduler's time slices decide who
// finishes first, and the slowest wait several times the average. Letting in a few per core, in
// arrival order, keeps the cores as busy while each request waits only for those that came
// before it: the tail stays close to the average.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace taperlab::server {

class ComputeGate {
 public:
  // `slots` requests compute at once; 0 means two per hardware thread.
  explicit ComputeGate(std::size_t slots = 0);
  ComputeGate(const ComputeGate&) = delete;
  ComputeGate& operator=(const ComputeGate&) = delete;

  // Held while computing; leaving the scope lets the next request in.
  class Slot {
   public:
    explicit Slot(ComputeGate& gate) : gate_(&gate) {}
    Slot(Slot&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (gate_) gate_->leave();
    }

   private:
    ComputeGate* gate_;
  };

  // Waits until the requests that asked before have been let in and a slot is free.
  [[nodiscard]] Slot enter();

  [[nodiscard]] std::size_t slots() const { return slots_; }
  // How many requests are waiting to be let in (for tests and metrics).
  [[nodiscard]] std::size_t waiting();

 private:
  void leave();

  struct Waiter {
    std::condition_variable woken;
    bool admitted = false;
  };
  const std::size_t slots_;
  std::mutex mutex_;
  std::size_t busy_ = 0;
  std::deque<Waiter*> waiting_;  // oldest first; each wakes alone, not as a herd
};

}  // namespace taperlab::server
