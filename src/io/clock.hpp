#pragma once

// The wall clock, read only at the edges (the CLI's session and the server). TAPERLAB_TODAY
// (YYYY-MM-DD) and TAPERLAB_NOW (YYYY-MM-DDTHH:MM:SSZ, UTC) pin it for tests and demonstrations.
// A person's "today" is the date on their own wall clock (io/time_zone.hpp): TAPERLAB_NOW seen in
// their zone, unless TAPERLAB_TODAY pins the date for everyone.

#include <optional>
#include <string>

#include "core/base/civil_date.hpp"
#include "io/time_zone.hpp"

namespace taperlab::io {

// The machine's own date (its zone), or TAPERLAB_TODAY.
CivilDate local_today();
std::string now_utc();

// TAPERLAB_TODAY when set.
std::optional<CivilDate> pinned_today();

// Now on the wall clock of `zone` (an IANA name; "" for the machine's): the date is
// TAPERLAB_TODAY when pinned. Throws ValidationError naming `field` for an unknown zone.
LocalDateTime local_now(const std::string& zone, const std::string& field = "time_zone");

}  // namespace taperlab::io
