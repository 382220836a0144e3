#include "cli_context.hpp"

#include "io/data_dir.hpp"

namespace taperlab::cli {

const Catalog& CliContext::catalog() {
  if (!catalog_) {
    catalog_ = std::make_unique<Catalog>(
        io::load_catalog(data_dir.empty() ? io::default_data_dir() : data_dir));
  }
  return *catalog_;
}

}  // namespace taperlab::cli
