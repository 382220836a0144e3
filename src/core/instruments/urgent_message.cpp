#include "core/instruments/urgent_message.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/base/text.hpp"
#include "core/instruments/crisis_message.hpp"

namespace taperlab {
namespace {

// A dialable number: digits, and a leading + kept ("116 123" -> "116123").
std::string dial_digits(const std::string& number) {
  std::string out;
  for (char c : number) {
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && out.empty())) out += c;
  }
  return out;
}

// A line's "text" is either a number ("988", "0477 13 11 14") or a word to send to a number
// ("SHOUT to 85258"): the link opens a message to the number, and its label says the word (the
// sms: "body" parameter is read differently by each phone, so it is not relied on).
std::string sms_href(const std::string& text) {
  const auto to = text.rfind(" to ");
  return "sms:" + dial_digits(to == std::string::npos ? text : text.substr(to + 4));
}

}  // namespace

const char* red_flag_plain_words(RedFlag flag) {
  switch (flag) {
    case RedFlag::kSeizure:
      return "a seizure (fit)";
    case RedFlag::kConfusion:
      return "confusion";
    case RedFlag::kHallucinations:
      return "hallucinations";
    case RedFlag::kSelfHarmThoughts:
      return "thoughts of harming yourself";
  }
  return "a warning sign";
}

std::string urgent_message(const CrisisDirectory& directory, const std::string& country,
                           const std::vector<RedFlag>& flags, CivilDate date) {
  if (flags.empty()) throw std::logic_error("urgent_message needs at least one red flag");
  const CrisisEntry& entry = directory.lookup(country);
  std::vector<std::string> medical;
  bool self_harm = false;
  for (RedFlag f : flags) {
    if (f == RedFlag::kSelfHarmThoughts) {
      self_harm = true;
    } else {
      medical.emplace_back(red_flag_plain_words(f));
    }
  }
  if (medical.empty()) return crisis_message(directory, country);
  const std::string emergency = entry.emergency.numbers.empty()
                                    ? "your local emergency number"
                                    : join_words(entry.emergency.numbers, " or ");
  // A seizure, new confusion or hallucinations while reducing a benzodiazepine can be severe
  // withdrawal (Ashton manual, ch. 3; docs/planner.md red flags): an emergency, not a matter for
  // the next review. Stopping the dose suddenly makes seizures more likely (published: NICE CKS,
  // benzodiazepine and z-drug withdrawal), so the words say to keep it.
  std::string out = "You reported " + join_words(medical) + " on " + date.to_string() + ".\n" +
                    "This needs medical help now. Call " + emergency +
                    " for an ambulance, or go to an emergency department. Do not drive "
                    "yourself.\n\n"
                    "Keep taking your current dose: do not stop it suddenly, which can make this "
                    "worse. Your taper plan is paused: no further cuts.\n\n"
                    "Please also tell your prescriber or doctor today.\n";
  if (self_harm) {
    out += '\n';
    out += crisis_message(directory, country);
  }
  return out;
}

std::vector<CrisisContact> crisis_contacts(const CrisisEntry& entry) {
  std::vector<CrisisContact> out;
  for (const auto& n : entry.emergency.numbers) {
    out.push_back({"emergency", "Call " + n + " (emergency)", "tel:" + dial_digits(n)});
  }
  for (const auto& line : entry.lines) {
    for (const auto& n : line.call) {
      out.push_back({"call", "Call " + line.name + ": " + n, "tel:" + dial_digits(n)});
    }
    if (!line.text.empty()) {
      out.push_back({"text", "Text " + line.name + ": " + line.text, sms_href(line.text)});
    }
  }
  return out;
}

}  // namespace taperlab
