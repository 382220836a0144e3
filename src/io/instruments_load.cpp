#include "io/instruments_load.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/base/error.hpp"
#include "core/instruments/instrument_parse.hpp"
#include "io/data_dir.hpp"

namespace taperlab::io {
namespace fs = std::filesystem;

InstrumentRegistry load_instruments(const fs::path& data_dir) {
  InstrumentRegistry registry;
  for (const auto& file : data_json_files(data_dir / "instruments")) {
    Instrument in = parse_instrument(read_data_json(file), file.string());
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
  return parse_crisis_directory(read_data_json(file), file.string());
}

}  // namespace taperlab::io
