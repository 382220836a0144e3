#pragma once

#include <filesystem>
#include <memory>
#include <ostream>

#include "core/catalog.hpp"

namespace taperlab::cli {

// What every command shares: where output goes and the catalogue, loaded on first use so that
// `--help` works even when the data folder is broken.
class CliContext {
 public:
  explicit CliContext(std::ostream& out) : out_(out) {}

  std::ostream& out() { return out_; }
  const Catalog& catalog();
  std::filesystem::path data_dir;

 private:
  std::ostream& out_;
  std::unique_ptr<Catalog> catalog_;
};

}  // namespace taperlab::cli
