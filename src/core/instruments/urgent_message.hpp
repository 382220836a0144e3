#pragma once

// The urgent screen's words after a red flag in a check-in (docs/tracking.md, "Decisions": "urgent:
// seizure, confusion, hallucinations, thoughts of self-harm -> stop planning and show emergency
// help"), and the numbers of the person's country as links a phone can dial or text.

#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/instruments/crisis_directory.hpp"
#include "core/journal/records.hpp"

namespace taperlab {

// Plain words for one red flag: "a seizure (fit)", "confusion", ...
const char* red_flag_plain_words(RedFlag flag);

// What the person reported, that it needs medical help now, the country's emergency number, to
// keep the current dose and that the plan is paused; with thoughts of self-harm, the whole crisis
// message (crisis_message.hpp) as well. Empty `flags` is a programming error (std::logic_error).
std::string urgent_message(const CrisisDirectory& directory, const std::string& country,
                           const std::vector<RedFlag>& flags, CivilDate date);

// One way to reach help, as a link: "tel:999" or "sms:85258".
struct CrisisContact {
  std::string kind;   // "emergency", "call" or "text"
  std::string label;  // "Call 999 (emergency)", "Call Samaritans: 116 123", "Text 988"
  std::string href;   // tel: or sms: URI (RFC 3966 / RFC 5724), digits and a leading + only
};

// The emergency numbers first, then each crisis line's numbers to call and its text number (a line
// that takes both, like 988, gives a call link and a text link).
std::vector<CrisisContact> crisis_contacts(const CrisisEntry& entry);

}  // namespace taperlab
