#include "cli_context.hpp"

#include "io/data_dir.hpp"
#include "io/instruments_load.hpp"

namespace taperlab::cli {

std::filesystem::path CliContext::data_folder() const {
  return data_dir.empty() ? io::default_data_dir() : data_dir;
}

const Catalog& CliContext::catalog() {
  if (!catalog_) catalog_ = std::make_unique<Catalog>(io::load_catalog(data_folder()));
  return *catalog_;
}

const InstrumentRegistry& CliContext::instruments() {
  if (!instruments_) {
    instruments_ = std::make_unique<InstrumentRegistry>(io::load_instruments(data_folder()));
  }
  return *instruments_;
}

const CrisisDirectory& CliContext::crisis_directory() {
  if (!crisis_)
    crisis_ = std::make_unique<CrisisDirectory>(io::load_crisis_directory(data_folder()));
  return *crisis_;
}

}  // namespace taperlab::cli
