#pragma once

// The core and the journal name a bad input by its domain name, the one the HTTP API's JSON uses
// ("dose_mg", "date", "max_cut"); on the command line the person typed a flag ("--dose",
// "--date", "--max-cut"). This is the one place that maps the first to the second, per command.

#include <string>
#include <string_view>

#include "core/base/error.hpp"

namespace taperlab::cli {

// The flag `command` takes for the domain name `field`. The head of a path is mapped too
// ("answers[2]" -> "--answers[2]"); a name the command has no flag for is returned unchanged
// (paths such as "check_in.sleep.quality", or the CLI's own "--format").
std::string flag_for(std::string_view command, std::string_view field);

// The error's line as the command line shows it: "--dose: expected an amount of 0 mg or more".
std::string flag_message(std::string_view command, const ValidationError& error);

}  // namespace taperlab::cli
