#pragma once

#include <filesystem>
#include <memory>
#include <ostream>

#include "core/drugs/catalog.hpp"
#include "core/instruments/crisis_directory.hpp"
#include "core/instruments/instrument_registry.hpp"

namespace taperlab::cli {

// What every command shares: where output goes and the catalogue, loaded on first use so that
// `--help` works even when the data folder is broken.
class CliContext {
 public:
  explicit CliContext(std::ostream& out) : out_(out) {}

  std::ostream& out() { return out_; }
  const Catalog& catalog();
  const InstrumentRegistry& instruments();
  const CrisisDirectory& crisis_directory();
  std::filesystem::path data_dir;

 private:
  [[nodiscard]] std::filesystem::path data_folder() const;

  std::ostream& out_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<InstrumentRegistry> instruments_;
  std::unique_ptr<CrisisDirectory> crisis_;
};

}  // namespace taperlab::cli
