#pragma once

// What the WAL tests (wal_checkpoint_test.cpp, wal_load.cpp) share: waiting for the group commit's
// thread to cut the log.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <thread>

#include "store/sqlite/wal.hpp"

namespace taperlab::store::testing {

// Waits up to `limit` for the "-wal" file of `file` to be at most `bytes`; returns its size then.
inline std::uintmax_t wal_size_within(const std::filesystem::path& file, std::uintmax_t bytes,
                                      std::chrono::milliseconds limit) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (sqlite::wal_file_size(file) > bytes && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return sqlite::wal_file_size(file);
}

}  // namespace taperlab::store::testing
