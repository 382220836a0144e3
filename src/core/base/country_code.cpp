#include "core/base/country_code.hpp"

#include "core/base/error.hpp"
#include "core/base/text.hpp"

namespace taperlab {
namespace {

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::optional<CountryCode> CountryCode::try_parse(std::string_view text) {
  std::string code(trim(text));
  for (char& c : code) c = ascii_upper(c);
  if (!is_canonical(code)) return std::nullopt;
  return CountryCode(std::move(code));
}

CountryCode CountryCode::parse(std::string_view text, const std::string& field) {
  if (auto code = try_parse(text)) return *code;
  throw ValidationError(field, std::string(kExpected));
}

bool CountryCode::is_canonical(std::string_view text) {
  return text.size() == 2 && is_ascii_upper(text[0]) && is_ascii_upper(text[1]);
}

std::string CountryCode::catalogue_code() const { return code_ == "GB" ? "UK" : code_; }

}  // namespace taperlab
