#pragma once

// What every libFuzzer target shares (docs/fuzzing.md): the shipped data and the line between an
// input taperlab refuses cleanly and a finding.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "core/base/error.hpp"

namespace taperlab::fuzz {

// The repository's data/ folder (set by fuzz/CMakeLists.txt).
inline const char* data_dir() { return TAPERLAB_FUZZ_DATA_DIR; }

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Stops the run as a finding: libFuzzer saves the input as crash-*.
[[noreturn]] inline void finding(const char* where, const char* what) {
  std::fprintf(stderr, "taperlab fuzz finding in %s: unexpected error: %s\n", where, what);
  std::fflush(stderr);
  std::abort();
}

// Runs `work`. A refusal the command line answers with exit 2 (a ValidationError naming the field,
// NotFound, Conflict) is a fine answer to a malformed input; anything else, which the CLI would
// report as exit 1 (a storage or internal error, or "unexpected error" for a foreign exception such
// as nlohmann's), is a finding. Returns whether `work` finished.
template <class Work>
bool accepts(const char* where, Work&& work) {
  try {
    work();
    return true;
  } catch (const ValidationError&) {
  } catch (const NotFound&) {
  } catch (const Conflict&) {
  } catch (const std::exception& e) {
    finding(where, e.what());
  } catch (...) {
    finding(where, "a non-standard exception");
  }
  return false;
}

}  // namespace taperlab::fuzz
