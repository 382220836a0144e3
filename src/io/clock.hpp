#pragma once

// The wall clock, read only at the edges (the CLI's session and the server). TAPERLAB_TODAY
// (YYYY-MM-DD) and TAPERLAB_NOW (YYYY-MM-DDTHH:MM:SSZ) pin it for tests and demonstrations.

#include <string>

#include "core/civil_date.hpp"

namespace taperlab::io {

CivilDate local_today();
std::string now_utc();

}  // namespace taperlab::io
