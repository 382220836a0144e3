#include "io/population_load.hpp"

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "io/data_dir.hpp"

namespace taperlab::io {

cohort::Population load_population(const std::filesystem::path& data_dir, const std::string& id) {
  const std::filesystem::path file = data_dir / "population" / (id + ".json");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw DataFileError(file.string(), id, "", "not found (set TAPERLAB_DATA_DIR)");
  }
  try {
    cohort::Population p = cohort::parse_population(read_data_json(file));
    if (p.id != id) throw ValidationError("id", "must match the file name");
    return p;
  } catch (const ValidationError& e) {
    const FieldError& first = e.errors().front();
    throw DataFileError(file.string(), id, first.field, first.message);
  }
}

}  // namespace taperlab::io
