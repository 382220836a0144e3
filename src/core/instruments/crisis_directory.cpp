#include "core/instruments/crisis_directory.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "core/base/civil_date.hpp"
#include "core/base/country_code.hpp"
#include "core/base/error.hpp"
#include "core/instruments/data_file_reader.hpp"

namespace taperlab {
namespace {

using nlohmann::json;

std::string normalise_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// The data file's codes are checked as stored, not normalised (core/base/country_code.hpp).
bool is_country_code(const std::string& code) { return CountryCode::is_canonical(code); }
constexpr const char* kCodeExpected = "expected a two-letter upper-case ISO 3166 code";

// Digits with spaces or hyphens as printed by the service ("116 123", "0800-0113").
bool is_phone_number(const std::string& number) {
  bool digit = false;
  for (char c : number) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (c != ' ' && c != '-') {
      return false;
    }
  }
  return digit;
}

std::vector<std::string> parse_numbers(const DataFileReader& r, const json& v,
                                       const std::string& field) {
  if (!v.is_array()) r.fail(field, "expected a list of phone numbers");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    if (!v[i].is_string() || !is_phone_number(v[i].get<std::string>())) {
      r.fail(f, "expected a phone number of digits, spaces and hyphens");
    }
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

EmergencyNumbers parse_emergency(const DataFileReader& r, const json& entry, bool required) {
  const json& v = r.member(entry, "emergency", "");
  r.expect_keys(v, {"numbers", "evidence", "source", "note"}, "emergency");
  EmergencyNumbers e;
  e.numbers = parse_numbers(r, r.member(v, "numbers", "emergency"), "emergency.numbers");
  if (required && e.numbers.empty()) r.fail("emergency.numbers", "needs at least one number");
  e.evidence = r.evidence(v, "evidence", "emergency");
  e.source = r.text(v, "source", "emergency");
  e.note = r.optional_text(v, "note", "emergency");
  return e;
}

CrisisLine parse_line(const DataFileReader& r, const json& v, const std::string& field) {
  r.expect_keys(v, {"name", "call", "text", "hours", "cost", "note", "evidence", "source"}, field);
  CrisisLine line;
  line.name = r.text(v, "name", field);
  if (const json* call = r.optional_member(v, "call", field)) {
    line.call = parse_numbers(r, *call, field + ".call");
  }
  line.text = r.optional_text(v, "text", field);
  if (line.call.empty() && line.text.empty()) r.fail(field, "needs a number to call or to text");
  line.hours = r.optional_text(v, "hours", field);
  line.cost = r.optional_text(v, "cost", field);
  line.note = r.optional_text(v, "note", field);
  line.evidence = r.evidence(v, "evidence", field);
  line.source = r.text(v, "source", field);
  return line;
}

CrisisEntry parse_entry(DataFileReader& r, const std::string& key, const json& v, bool is_region,
                        bool is_default) {
  r.set_item(key);
  if (is_region) {
    r.expect_keys(v, {"name", "checked", "members", "emergency", "lines"}, "");
  } else {
    r.expect_keys(v, {"name", "checked", "emergency", "lines"}, "");
  }
  CrisisEntry e;
  e.key = key;
  e.name = r.text(v, "name", "");
  e.checked = r.text(v, "checked", "");
  try {
    (void)parse_civil_date(e.checked, "checked");
  } catch (const ValidationError&) {
    r.fail("checked", "expected a date YYYY-MM-DD, got '" + e.checked + "'");
  }
  if (is_region) {
    const json& members = r.member(v, "members", "");
    if (!members.is_array() || members.empty()) r.fail("members", "expected a list of ISO codes");
    for (std::size_t i = 0; i < members.size(); ++i) {
      const std::string f = "members[" + std::to_string(i) + "]";
      if (!members[i].is_string() || !is_country_code(members[i].get<std::string>())) {
        r.fail(f, kCodeExpected);
      }
      e.members.push_back(members[i].get<std::string>());
    }
  }
  e.emergency = parse_emergency(r, v, !is_default);
  const json& lines = r.member(v, "lines", "");
  if (!lines.is_array()) r.fail("lines", "expected a list");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    e.lines.push_back(parse_line(r, lines[i], "lines[" + std::to_string(i) + "]"));
  }
  return e;
}

bool contains(const std::vector<CrisisEntry>& entries, const std::string& key) {
  for (const auto& e : entries) {
    if (e.key == key) return true;
  }
  return false;
}

}  // namespace

CrisisDirectory::CrisisDirectory(std::vector<CrisisEntry> countries,
                                 std::vector<CrisisEntry> regions, CrisisEntry fallback,
                                 std::map<std::string, std::string> aliases)
    : countries_(std::move(countries)),
      regions_(std::move(regions)),
      fallback_(std::move(fallback)),
      aliases_(std::move(aliases)) {}

const CrisisEntry& CrisisDirectory::lookup(std::string_view country) const noexcept {
  std::string code = normalise_code(country);
  if (auto it = aliases_.find(code); it != aliases_.end()) code = it->second;
  for (const auto& e : countries_) {
    if (e.key == code) return e;
  }
  for (const auto& region : regions_) {
    if (region.key == code) return region;
    for (const auto& member : region.members) {
      if (member == code) return region;
    }
  }
  return fallback_;
}

CrisisDirectory parse_crisis_directory(const json& doc, const std::string& file) {
  DataFileReader r(file);
  if (!doc.is_object()) r.fail("", "expected a JSON object");
  r.expect_keys(doc, {"description", "aliases", "countries", "regions", "default"}, "");

  std::vector<CrisisEntry> countries;
  const json& c = r.object(r.member(doc, "countries", ""), "countries");
  for (const auto& [key, entry] : c.items()) {
    if (!is_country_code(key)) {
      r.fail("countries." + key, kCodeExpected);
    }
    countries.push_back(parse_entry(r, key, entry, false, false));
  }
  r.set_item("");

  std::vector<CrisisEntry> regions;
  if (const json* regs = r.optional_member(doc, "regions", "")) {
    for (const auto& [key, entry] : r.object(*regs, "regions").items()) {
      if (key != normalise_code(key) || key.empty()) {
        r.fail("regions." + key, "expected an upper-case code such as EU");
      }
      regions.push_back(parse_entry(r, key, entry, true, false));
    }
    r.set_item("");
  }

  CrisisEntry fallback = parse_entry(r, "default", r.member(doc, "default", ""), false, true);
  fallback.key = "default";
  r.set_item("");

  std::map<std::string, std::string> aliases;
  if (const json* a = r.optional_member(doc, "aliases", "")) {
    for (const auto& [alias, target] : r.object(*a, "aliases").items()) {
      const std::string f = "aliases." + alias;
      if (!is_country_code(alias)) r.fail(f, kCodeExpected);
      if (!target.is_string()) r.fail(f, "expected the code it stands for");
      const std::string to = target.get<std::string>();
      // An alias to a code with no entry of its own would still resolve through its regions.
      if (!is_country_code(to)) r.fail(f, kCodeExpected);
      if (contains(countries, alias)) r.fail(f, "is also a country of its own");
      aliases.emplace(alias, to);
    }
  }
  return CrisisDirectory(std::move(countries), std::move(regions), std::move(fallback),
                         std::move(aliases));
}

}  // namespace taperlab
