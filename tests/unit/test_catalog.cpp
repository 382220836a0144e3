#include "test_catalog.hpp"

#include "io/data_dir.hpp"

namespace taperlab::testing {

const Catalog& shipped_catalog() {
  static const Catalog catalog = io::load_catalog(TAPERLAB_TEST_DATA_DIR);
  return catalog;
}

}  // namespace taperlab::testing
