#pragma once

// Emergency numbers and crisis lines by country, from data/crisis/crisis_lines.json, for the crisis
// message shown when PHQ-9 item 9 is above 0 (docs/tracking.md).

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/sourced.hpp"

namespace taperlab {

struct EmergencyNumbers {
  std::vector<std::string> numbers;  // any of them works, most widely reachable first
  Evidence evidence = Evidence::kAssumed;
  std::string source;
  std::string note;
};

struct CrisisLine {
  std::string name;               // "Samaritans"
  std::vector<std::string> call;  // phone numbers; any of them works
  std::string text;               // what to send by SMS: "988", "SHOUT to 85258"
  std::string hours;              // "24 hours a day, every day"; empty when unknown
  std::string cost;               // "free"; empty when unknown
  std::string note;               // who or where: "for people living in Northern Ireland"
  Evidence evidence = Evidence::kAssumed;
  std::string source;
};

// One country, a region (the EU) or the default for everywhere else.
struct CrisisEntry {
  std::string key;                   // "US", "GB", "EU" or "default"
  std::string name;                  // "United States"
  std::vector<std::string> members;  // regions only: ISO codes of the member countries
  EmergencyNumbers emergency;        // empty only for the default
  std::vector<CrisisLine> lines;
  std::string checked;  // YYYY-MM-DD: when the entry was last compared with its sources
};

class CrisisDirectory {
 public:
  CrisisDirectory(std::vector<CrisisEntry> countries, std::vector<CrisisEntry> regions,
                  CrisisEntry fallback, std::map<std::string, std::string> aliases);

  // The entry for an ISO country code, ignoring case and spaces ("uk" and "GB" both give the
  // United Kingdom). A country with no entry falls back to a region it belongs to (e.g. "PT" to
  // the EU), then to the default. Never throws: a crisis message must always be shown.
  [[nodiscard]] const CrisisEntry& lookup(std::string_view country) const noexcept;

  [[nodiscard]] const std::vector<CrisisEntry>& countries() const noexcept { return countries_; }
  [[nodiscard]] const std::vector<CrisisEntry>& regions() const noexcept { return regions_; }
  [[nodiscard]] const CrisisEntry& fallback() const noexcept { return fallback_; }

 private:
  std::vector<CrisisEntry> countries_;
  std::vector<CrisisEntry> regions_;
  CrisisEntry fallback_;
  std::map<std::string, std::string> aliases_;  // "UK" -> "GB"
};

// Parses and checks crisis_lines.json; problems are DataFileErrors naming `file`, the country and
// the field.
CrisisDirectory parse_crisis_directory(const nlohmann::json& doc, const std::string& file);

}  // namespace taperlab
