#pragma once

#include <filesystem>
#include <string>

#include "core/cohort/population.hpp"

namespace taperlab::io {

// Loads data_dir/population/<id>.json (cohort::parse_population). Throws DataFileError naming the
// file and the field of the first problem.
cohort::Population load_population(const std::filesystem::path& data_dir,
                                   const std::string& id = "adults");

}  // namespace taperlab::io
