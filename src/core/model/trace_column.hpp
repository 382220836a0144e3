#pragma once

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace taperlab {

// An allocator whose resize() leaves new elements uninitialised: the simulator writes every row
// of a trace it grows, so std::vector's zero fill was a second pass over megabytes (a tenth of a
// plan preview's time).
template <typename T>
class DefaultInitAllocator : public std::allocator<T> {
 public:
  static_assert(std::is_trivially_default_constructible_v<T>);
  using std::allocator<T>::allocator;
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;  // default-initialised: no value written
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// One column of a simulation trace.
using TraceColumn = std::vector<double, DefaultInitAllocator<double>>;

}  // namespace taperlab
