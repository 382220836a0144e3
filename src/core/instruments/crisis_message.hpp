#pragma once

#include <string>

#include "core/instruments/crisis_directory.hpp"

namespace taperlab {

// The message shown whenever PHQ-9 item 9 is above 0 (needs_crisis_message). Calm, plain words:
// what the person told us, that they are not alone, the emergency number for their country, the
// crisis lines to talk to now, and to tell their prescriber or doctor today. It is shown every
// time and there is deliberately no option anywhere to turn it off or shorten it.
// `country` is an ISO code ("US", "UK", "GB", "PT"); unknown or empty gives the default entry.
std::string crisis_message(const CrisisDirectory& directory, const std::string& country);

// Where to find help now, asked for at any time (the web app's "Help now"): the emergency number,
// the crisis lines and to tell a prescriber or doctor; the same list as crisis_message, without
// saying what the person told us, because they may have told us nothing.
std::string help_now_message(const CrisisDirectory& directory, const std::string& country);

// One line of the list: "Samaritans: call 116 123 (free; 24 hours a day, every day)".
std::string describe_crisis_line(const CrisisLine& line);

}  // namespace taperlab
