// ComputeGate: at most `slots` at once, let in by order of arrival, and a slot given back when a
// request fails.

#include "server/compute_gate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace taperlab::server {
namespace {

using namespace std::chrono_literals;

TEST(ComputeGate, NeverLetsInMoreThanItsSlots) {
  ComputeGate gate(3);
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        const auto slot = gate.enter();
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(50us);
        --inside;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(most.load(), 3);
}

TEST(ComputeGate, LetsWaitersInByOrderOfArrival) {
  ComputeGate gate(1);
  auto first = std::make_unique<ComputeGate::Slot>(gate.enter());
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> waiters;
  for (int n = 0; n < 6; ++n) {
    waiters.emplace_back([&, n] {
      const auto slot = gate.enter();
      std::lock_guard lock(order_mutex);
      order.push_back(n);
    });
    // The next one asks only once this one waits: the arrival order is known. (A fixed 20 ms
    // sleep was not enough on a loaded machine: a thread not yet run joined the queue late.)
    while (gate.waiting() < static_cast<std::size_t>(n + 1)) std::this_thread::sleep_for(1ms);
  }
  first.reset();
  for (auto& t : waiters) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
}

TEST(ComputeGate, AFailedRequestGivesItsSlotBack) {
  ComputeGate gate(1);
  EXPECT_THROW(
      {
        const auto slot = gate.enter();
        throw std::runtime_error("the simulation failed");
      },
      std::runtime_error);
  std::atomic<bool> entered{false};
  std::thread next([&] {
    const auto slot = gate.enter();
    entered = true;
  });
  next.join();
  EXPECT_TRUE(entered);
}

TEST(ComputeGate, DefaultsToTwoSlotsPerHardwareThread) {
  const auto hardware = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(ComputeGate().slots(), 2 * hardware);
  EXPECT_EQ(ComputeGate(5).slots(), 5u);
}

}  // namespace
}  // namespace taperlab::server
