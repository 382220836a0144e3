#pragma once

#include "core/catalog.hpp"

namespace taperlab::testing {

// The shipped catalogue from data/, loaded once.
const Catalog& shipped_catalog();

}  // namespace taperlab::testing
