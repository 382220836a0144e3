#include "core/instruments/crisis_message.hpp"

#include <vector>

#include "core/base/text.hpp"

namespace taperlab {
std::string describe_crisis_line(const CrisisLine& line) {
  std::string how;
  const std::string numbers = join_words(line.call, " or ");
  if (!line.call.empty() && !line.text.empty() && line.call.size() == 1 &&
      line.call.front() == line.text) {
    how = "call or text " + line.text;
  } else if (!line.call.empty() && !line.text.empty()) {
    how = "call " + numbers + " or text " + line.text;
  } else if (!line.call.empty()) {
    how = "call " + numbers;
  } else {
    how = "text " + line.text;
  }
  std::vector<std::string> details;
  for (const std::string* d : {&line.note, &line.cost, &line.hours}) {
    if (!d->empty()) details.push_back(*d);
  }
  std::string out = line.name + ": " + how;
  if (!details.empty()) {
    out += " (";
    for (std::size_t i = 0; i < details.size(); ++i) out += (i > 0 ? "; " : "") + details[i];
    out += ")";
  }
  return out;
}

std::string help_now_message(const CrisisDirectory& directory, const std::string& country) {
  const CrisisEntry& entry = directory.lookup(country);
  std::string out = "If you are in danger now, call ";
  out += entry.emergency.numbers.empty() ? "your local emergency number"
                                         : join_words(entry.emergency.numbers, " or ");
  out += ".\n\n";
  if (entry.lines.empty()) {
    out +=
        "Talk to someone now: a crisis line in your country, your doctor, or someone you "
        "trust.\n";
  } else {
    out += "Talk to someone now:\n";
    for (const auto& line : entry.lines) out += "- " + describe_crisis_line(line) + "\n";
  }
  out += "\nPlease also tell your prescriber or doctor today.\n";
  return out;
}

std::string crisis_message(const CrisisDirectory& directory, const std::string& country) {
  return "You said you have had thoughts of hurting yourself or that you would be better off "
         "dead.\n"
         "Thank you for saying so. You are not alone, and help is there right now.\n\n" +
         help_now_message(directory, country);
}

}  // namespace taperlab
