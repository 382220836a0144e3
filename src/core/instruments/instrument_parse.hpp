#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/instruments/instrument.hpp"

namespace taperlab {

// Parses and checks one data/instruments/*.json document (the format is described in
// data/instruments/README.md). `file` is used only in messages: every problem is a DataFileError
// naming the file, the instrument and the field, e.g.
// "data/instruments/phq9.json: phq9: field 'scoring.max': is 28 but the items add up to 27".
Instrument parse_instrument(const nlohmann::json& doc, const std::string& file);

}  // namespace taperlab
