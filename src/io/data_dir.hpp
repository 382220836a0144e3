#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/base/error.hpp"
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
// `field` and the file, and where in it (file_error's fields: "--plan plan.json:
// steps[2].dose_mg").
nlohmann::json read_json_file(const std::filesystem::path& path, const std::string& field);

// `error`, raised reading the document in `path`, with the file named in each field: "steps[2].day"
// becomes "--plan plan.json: steps[2].day" (`field` is the command's name for the file: a flag, or
// a positional's name such as FILE, which is left out: "export.json: check_ins[3].date"). The
// command line shows each field before its message, so every error about a file's contents names
// the file and the member.
ValidationError file_error(const ValidationError& error, const std::filesystem::path& path,
                           const std::string& field);

// Reads the file with `read` (a document reader such as parse_dose_schedule), naming the file in
// whatever it refuses (file_error); a JSON type the reader did not expect is refused too, as a
// ValidationError on the file, never an "unexpected error".
void read_json_file_with(const std::filesystem::path& path, const std::string& field,
                         const std::function<void(const nlohmann::json&)>& read);

}  // namespace taperlab::io
