#pragma once

// JSON written straight into a string: the one writer of the documents taperlab answers with and
// stores (a plan, a day, a check-in), fast enough for a plan preview's tens of kilobytes. The text
// is what nlohmann::json::dump() prints for the same values: numbers as the shortest text that
// reads back exactly, laid out as dump() lays them out ("2.0", "0.125", "1e-05"), strings escaped
// the same way. Keys are written in the order given, and dump() prints them sorted: callers give
// them sorted, so a document written here reads back and prints as the same text.

#include <cassert>
#include <cstdint>
#include <cstring>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/civil_date.hpp"

namespace taperlab {

// Writes go into `out` past its text, which is complete once finish() has been called (the
// destructor calls it): each value is copied into room made ahead rather than appended, which cost
// a preview's ~4,000 names and numbers more than printing them did.
class JsonText {
 public:
  explicit JsonText(std::string& out) : out_(out), used_(out.size()) {}
  JsonText(const JsonText&) = delete;
  JsonText& operator=(const JsonText&) = delete;
  ~JsonText() { finish(); }

  // Cuts `out` to the text written. Writing may go on afterwards (call it again at the end).
  void finish() { out_.resize(used_); }

  JsonText& begin_object();
  JsonText& end_object();
  JsonText& begin_array();
  JsonText& end_array();
  // The next member's name; its value follows.
  JsonText& key(std::string_view name);
  // Whether a byte is written as an escape in a JSON string.
  static constexpr bool needs_escape(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || c == '"' || c == '\\';  // UTF-8 passes through, as in dump()
  }

  // A name written in the code: its length is known when compiled, so the check for bytes to
  // escape and the copy are inlined rather than a scan and a call (a preview writes about 800
  // names).
  template <std::size_t N>
  JsonText& key(const char (&name)[N]) {
    assert(name[N - 1] == '\0');
    bool plain = true;
    for (std::size_t i = 0; i + 1 < N; ++i) plain = plain && !needs_escape(name[i]);
    if (!plain) return key(std::string_view(name, N - 1));
    char* p = separator(room(N + 3));  // a comma, the quotes and the colon
    *p++ = '"';
    std::memcpy(p, name, N - 1);
    p += N - 1;
    *p++ = '"';
    *p++ = ':';
    advance(p);
    after_key_ = true;
    return *this;
  }

  JsonText& value(double number);  // as a JSON float: 2.0, 0.125; null when not finite
  JsonText& value(int number);
  JsonText& value(std::int64_t number);
  JsonText& value(bool flag);
  JsonText& value(std::string_view text);
  JsonText& value(const char* text) { return value(std::string_view(text)); }
  JsonText& value(const std::string& text) { return value(std::string_view(text)); }
  JsonText& value(const CivilDate& date);  // "YYYY-MM-DD"
  JsonText& null();
  template <typename T>
  JsonText& value(const std::optional<T>& maybe) {
    return maybe ? value(*maybe) : null();
  }
  // `number` rounded to `decimals` places (0 to 6), printed from the rounded integer: "0.12346",
  // "16.2", "1", "0", never "-0"; null when not finite. The text reads back as exactly
  // round(number * 10^decimals) / 10^decimals, at a fraction of the cost of value(double).
  JsonText& rounded(double number, int decimals);
  // A JSON value, as the server prints every answer (text that is not UTF-8 is replaced).
  JsonText& document(const nlohmann::json& doc);
  // Text that is already JSON (one complete value).
  JsonText& raw(std::string_view json);

 private:
  // Where the next `n` bytes can be written (out's bytes from used_ on are room, not text).
  char* room(std::size_t n) {
    if (out_.size() - used_ < n) grow(n);
    return out_.data() + used_;
  }
  void grow(std::size_t n);
  // The text now ends at `end`, in the room room() gave.
  void advance(const char* end) { used_ = static_cast<std::size_t>(end - out_.data()); }
  // Writes the comma that goes before the next value or key, if one does, at `p`; returns the
  // position after it. Called before every value and key (a preview writes tens of thousands):
  // inline, and over bytes rather than vector<bool>'s bits.
  char* separator(char* p) {
    if (after_key_) {
      after_key_ = false;
      return p;
    }
    if (!first_.empty()) {
      if (!first_.back()) *p++ = ',';
      first_.back() = 0;
    }
    return p;
  }
  // A value of at most a few dozen bytes that needs no escaping, after its separator.
  JsonText& short_token(std::string_view token);
  // A JSON string, quoted and escaped, after its separator; `then` (':' after a key) follows.
  void quoted(std::string_view text, std::string_view then);

  std::string& out_;
  std::size_t used_;                  // out_'s bytes that are text
  std::vector<unsigned char> first_;  // per open object or array: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace taperlab
