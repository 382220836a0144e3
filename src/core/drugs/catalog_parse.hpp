#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/drugs/drug.hpp"
#include "core/drugs/equivalence_table.hpp"

namespace taperlab {

// Parse and validate one data file's JSON. `file` is used only in error messages, which name the
// file, the drug (or table) and the field: DataFileError.
Drug parse_drug(const nlohmann::json& doc, const std::string& file);
EquivalenceTable parse_equivalence_table(const nlohmann::json& doc, const std::string& file);

}  // namespace taperlab
