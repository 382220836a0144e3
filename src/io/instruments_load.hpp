#pragma once

#include <filesystem>

#include "core/instruments/crisis_directory.hpp"
#include "core/instruments/instrument_registry.hpp"

namespace taperlab::io {

// Loads every data_dir/instruments/*.json in file-name order. Each file's id must match its name
// (phq9.json holds "phq9"). Throws DataFileError naming the file, the instrument and the field.
InstrumentRegistry load_instruments(const std::filesystem::path& data_dir);

// Loads data_dir/crisis/crisis_lines.json. Throws DataFileError naming the file and the country.
CrisisDirectory load_crisis_directory(const std::filesystem::path& data_dir);

}  // namespace taperlab::io
