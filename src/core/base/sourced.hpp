#pragma once

#include <string>

namespace taperlab {

// How much to trust a clinical number. Every number shipped in data/ says which it is.
enum class Evidence { kPublished, kDerived, kAssumed };

struct Sourced {
  double value = 0.0;
  Evidence evidence = Evidence::kAssumed;
  std::string source;
  std::string note;
};

const char* to_string(Evidence e);

}  // namespace taperlab
