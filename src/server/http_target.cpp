#include "server/http_target.hpp"

namespace taperlab::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<RequestTarget> parse_request_target(std::string_view target, std::string& why) {
  if (target.empty() || target.front() != '/') {
    why = "the request target must be a path starting with /";
    return std::nullopt;
  }
  const std::size_t question = target.find('?');
  RequestTarget out;
  auto path = percent_decode(target.substr(0, question), false);
  if (!path) {
    why = "the path holds a malformed %-escape";
    return std::nullopt;
  }
  if (path->find('\0') != std::string::npos) {
    why = "the path holds a NUL byte";
    return std::nullopt;
  }
  out.path = std::move(*path);
  if (question == std::string_view::npos) return out;

  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value) {
      why = "the query holds a malformed %-escape";
      return std::nullopt;
    }
    if (key->find('\0') != std::string::npos || value->find('\0') != std::string::npos) {
      why = "the query holds a NUL byte";
      return std::nullopt;
    }
    out.query.emplace(std::move(*key), std::move(*value));
  }
  return out;
}

}  // namespace taperlab::server
