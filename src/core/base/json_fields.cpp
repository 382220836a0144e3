#include "core/base/json_fields.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/base/error.hpp"

namespace taperlab::json_fields {
namespace {

using nlohmann::json;

// nlohmann's DOM builder, with the path of the value being read kept beside it, so that an error
// can say where it is.
class PathTrackingSax {
 public:
  explicit PathTrackingSax(json& result) : dom_(result, false) {}

  bool null() { return value() && dom_.null(); }
  bool boolean(bool b) { return value() && dom_.boolean(b); }
  bool number_integer(json::number_integer_t n) { return value() && dom_.number_integer(n); }
  bool number_unsigned(json::number_unsigned_t n) { return value() && dom_.number_unsigned(n); }
  bool number_float(json::number_float_t x, const json::string_t& s) {
    return value() && dom_.number_float(x, s);
  }
  bool string(json::string_t& s) { return value() && dom_.string(s); }
  bool binary(json::binary_t& b) { return value() && dom_.binary(b); }
  bool start_object(std::size_t n) {
    value();
    frames_.push_back({false, 0, {}, false});
    return dom_.start_object(n);
  }
  bool key(json::string_t& k) {
    frames_.back().key = k;
    frames_.back().pending = true;
    return dom_.key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return dom_.end_object();
  }
  bool start_array(std::size_t n) {
    value();
    frames_.push_back({true, 0, {}, false});
    return dom_.start_array(n);
  }
  bool end_array() {
    frames_.pop_back();
    return dom_.end_array();
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& e) {
    position_ = position;
    message_ = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error ..."
    if (const auto close = message_.find("] "); close != std::string::npos) {
      message_.erase(0, close + 2);
    }
    // The path of what was being read: the member whose key came last, or the element after
    // the last one finished.
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      const bool top = i + 1 == frames_.size();
      if (f.array) {
        // Appended piece by piece: "[" + std::to_string(...) trips GCC 12's false -Wrestrict.
        path_ += '[';
        path_ += std::to_string(top ? f.count : f.count - 1);
        path_ += ']';
      } else if (!top || f.pending) {
        path_ += (path_.empty() ? "" : ".") + f.key;
      }
    }
    return false;
  }

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& message() const { return message_; }
  [[nodiscard]] std::size_t position() const { return position_; }

 private:
  struct Frame {
    bool array;
    std::size_t count;  // arrays: elements begun
    std::string key;    // objects: the last key read
    bool pending;       // objects: the key's value not yet read
  };

  // A value begins (a scalar: it has been read whole).
  bool value() {
    if (!frames_.empty()) {
      Frame& f = frames_.back();
      if (f.array) {
        ++f.count;
      } else {
        f.pending = false;
      }
    }
    return true;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  std::vector<Frame> frames_;
  std::string path_;
  std::string message_;
  std::size_t position_ = 0;
};

}  // namespace

json parse_document(std::string_view text) {
  json result;
  PathTrackingSax sax(result);
  if (json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true)) {
    return result;
  }
  std::string message = sax.message();
  // Syntax errors say their line and column themselves; others (a number too large) do not.
  if (message.find("line ") == std::string::npos) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i + 1 < sax.position() && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    message += " (line " + std::to_string(line) + ", column " + std::to_string(column) + ")";
  }
  throw ValidationError(sax.path(), "malformed JSON: " + message);
}

std::string path(const std::string& field, const char* key) {
  return field.empty() ? std::string(key) : field + "." + key;
}

const nlohmann::json& member(const nlohmann::json& obj, const char* key, const std::string& field) {
  if (!obj.is_object()) throw ValidationError(field, "expected an object");
  const auto it = obj.find(key);
  if (it == obj.end()) throw ValidationError(path(field, key), "is missing");
  return *it;
}

const nlohmann::json* optional_member(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

namespace {

double number_value(const nlohmann::json& v, const char* key, const std::string& field) {
  if (!v.is_number()) throw ValidationError(path(field, key), "expected a number");
  return v.get<double>();
}

std::string text_value(const nlohmann::json& v, const char* key, const std::string& field) {
  if (!v.is_string()) throw ValidationError(path(field, key), "expected a string");
  return v.get<std::string>();
}

bool boolean_value(const nlohmann::json& v, const char* key, const std::string& field) {
  if (!v.is_boolean()) throw ValidationError(path(field, key), "expected true or false");
  return v.get<bool>();
}

int whole_number_value(const nlohmann::json& v, const char* key, const std::string& field, int min,
                       int max) {
  const double x = number_value(v, key, field);
  if (!(x >= min && x <= max) || x != std::floor(x)) {
    throw ValidationError(path(field, key), "expected a whole number from " + std::to_string(min) +
                                                " to " + std::to_string(max));
  }
  return static_cast<int>(x);
}

// The number as a 64-bit integer, when it is a whole number within int64's range.
std::optional<std::int64_t> as_int64(const nlohmann::json& v) {
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float()) {
    const double x = v.get<double>();
    // [-2^63, 2^63): the doubles that convert to int64 exactly, when whole.
    if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0) || x != std::floor(x)) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(x);
  }
  return std::nullopt;
}

}  // namespace

std::int64_t integer_value(const nlohmann::json& v, const std::string& field, std::int64_t min,
                           std::int64_t max) {
  const auto x = as_int64(v);
  if (!x || *x < min || *x > max) {
    const std::string got = v.is_number()    ? v.dump()
                            : v.is_string()  ? std::string("a string")
                            : v.is_null()    ? std::string("null")
                            : v.is_boolean() ? v.dump()
                            : v.is_array()   ? std::string("a list")
                                             : std::string("an object");
    throw ValidationError(field, "expected a whole number from " + std::to_string(min) + " to " +
                                     std::to_string(max) + ", got " + got);
  }
  return *x;
}

double number(const nlohmann::json& obj, const char* key, const std::string& field) {
  return number_value(member(obj, key, field), key, field);
}

std::string text(const nlohmann::json& obj, const char* key, const std::string& field) {
  return text_value(member(obj, key, field), key, field);
}

bool boolean(const nlohmann::json& obj, const char* key, const std::string& field) {
  return boolean_value(member(obj, key, field), key, field);
}

int whole_number(const nlohmann::json& obj, const char* key, const std::string& field, int min,
                 int max) {
  return whole_number_value(member(obj, key, field), key, field, min, max);
}

std::optional<double> optional_number(const nlohmann::json& obj, const char* key,
                                      const std::string& field) {
  const nlohmann::json* v = optional_member(obj, key);
  if (v == nullptr) return std::nullopt;
  return number_value(*v, key, field);
}

std::optional<std::string> optional_text(const nlohmann::json& obj, const char* key,
                                         const std::string& field) {
  const nlohmann::json* v = optional_member(obj, key);
  if (v == nullptr) return std::nullopt;
  return text_value(*v, key, field);
}

std::optional<bool> optional_boolean(const nlohmann::json& obj, const char* key,
                                     const std::string& field) {
  const nlohmann::json* v = optional_member(obj, key);
  if (v == nullptr) return std::nullopt;
  return boolean_value(*v, key, field);
}

std::optional<int> optional_whole_number(const nlohmann::json& obj, const char* key,
                                         const std::string& field, int min, int max) {
  const nlohmann::json* v = optional_member(obj, key);
  if (v == nullptr) return std::nullopt;
  return whole_number_value(*v, key, field, min, max);
}

}  // namespace taperlab::json_fields
