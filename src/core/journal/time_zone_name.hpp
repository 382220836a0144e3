#pragma once

// The shape of an IANA time zone name ("Europe/London", "America/Argentina/Buenos_Aires", "UTC",
// "Etc/GMT+5"), checked without the time zone database: the core has no files to read. Whether
// the zone exists is checked at the edges (io/time_zone.hpp) where a name comes in.

#include <string_view>

namespace taperlab {

// Letters, digits and "/_+-", 1..64 characters, no empty, "." or ".." part: a name that cannot
// walk out of a zoneinfo folder either.
bool plausible_time_zone_name(std::string_view name);

}  // namespace taperlab
