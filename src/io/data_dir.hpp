#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/drugs/catalog.hpp"

namespace taperlab::io {

// The data folder: $TAPERLAB_DATA_DIR if set, else the folder compiled in at build time.
std::filesystem::path default_data_dir();

// Loads and validates data/drugs/*.json and data/equivalence/*.json. Throws DataFileError naming
// the file, the drug and the field of the first problem found.
Catalog load_catalog(const std::filesystem::path& data_dir);

// The *.json files of a data sub-folder, sorted by name; DataFileError when the folder is missing.
std::vector<std::filesystem::path> data_json_files(const std::filesystem::path& dir);

// A shipped data file as JSON; DataFileError naming the file when unreadable or malformed.
nlohmann::json read_data_json(const std::filesystem::path& path);

// Reads a whole text file; throws ValidationError naming `field` when it cannot.
std::string read_text_file(const std::filesystem::path& path, const std::string& field);

// Reads and parses a JSON input file; a missing file or malformed JSON is a ValidationError naming
// `field` and the file.
nlohmann::json read_json_file(const std::filesystem::path& path, const std::string& field);

}  // namespace taperlab::io
