#pragma once

// A country as two ASCII letters in upper case (ISO 3166-1 alpha-2): "US", "DE". Used for a
// person's country (the profile, sign-up, `taperlab init --country`), the country whose products
// a plan uses, and the crisis lines a person is shown; every one of them reads a code through
// CountryCode::parse, so they accept the same spellings and refuse with the same message.
//
// The United Kingdom has two codes in use, and both are accepted and kept as given:
//  - "GB" is ISO 3166's code; data/crisis/crisis_lines.json lists the UK's lines under it, with
//    "UK" as an alias in that file;
//  - "UK" is the code the drug catalogue's products carry (data/drugs/*.json, "country"), and
//    catalogue_code() turns "GB" into it.
// Nothing else is aliased here: other reserved codes ("EL" for Greece) live in the data files.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace taperlab {

class CountryCode {
 public:
  // The one message for a code that is not two letters.
  static constexpr std::string_view kExpected =
      "expected a two-letter country code such as US or GB";

  // Trims spaces and upper-cases: " gb " -> "GB". Throws ValidationError(field, kExpected) when
  // what is left is not exactly two ASCII letters.
  static CountryCode parse(std::string_view text, const std::string& field);
  // As parse, without throwing: none when `text` is not a code.
  static std::optional<CountryCode> try_parse(std::string_view text);
  // True when `text` is already a code as stored: exactly two upper-case ASCII letters (the data
  // files' spelling, which is checked, not normalised).
  static bool is_canonical(std::string_view text);

  [[nodiscard]] const std::string& str() const noexcept { return code_; }
  // The drug catalogue's code for this country: "UK" for "GB", else the code itself.
  [[nodiscard]] std::string catalogue_code() const;

  friend bool operator==(const CountryCode&, const CountryCode&) = default;

 private:
  explicit CountryCode(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

}  // namespace taperlab
