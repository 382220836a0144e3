#include "io/instruments_load.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/error.hpp"
#include "core/instruments/instrument_parse.hpp"

namespace taperlab::io {
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> json_files(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw DataFileError(dir.string(), "", "", "folder not found (set TAPERLAB_DATA_DIR)");
  }
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

nlohmann::json parse_file(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw DataFileError(path.string(), "", "", "cannot be read");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw DataFileError(path.string(), "", "", std::string("malformed JSON: ") + e.what());
  }
}

}  // namespace

InstrumentRegistry load_instruments(const fs::path& data_dir) {
  InstrumentRegistry registry;
  for (const auto& file : json_files(data_dir / "instruments")) {
    Instrument in = parse_instrument(parse_file(file), file.string());
    if (file.stem() != in.id) {
      throw DataFileError(file.string(), in.id, "id", "must match the file name");
    }
    if (registry.try_find(in.id) != nullptr || registry.try_find(in.name) != nullptr) {
      throw DataFileError(file.string(), in.id, "name", "clashes with another instrument");
    }
    registry.add(std::move(in));
  }
  if (registry.list().empty()) {
    throw DataFileError((data_dir / "instruments").string(), "", "", "no instrument files");
  }
  return registry;
}

CrisisDirectory load_crisis_directory(const fs::path& data_dir) {
  const fs::path file = data_dir / "crisis" / "crisis_lines.json";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw DataFileError(file.string(), "", "", "not found (set TAPERLAB_DATA_DIR)");
  }
  return parse_crisis_directory(parse_file(file), file.string());
}

}  // namespace taperlab::io
