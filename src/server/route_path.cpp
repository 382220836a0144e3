#include "server/route_path.hpp"

namespace taperlab::server {
namespace {

// "/a/b/" -> "a", "b", "": the leading slash is dropped, a trailing one makes an empty segment.
std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

RoutePath::RoutePath(std::string_view pattern) {
  for (std::string_view s : split(pattern)) {
    const bool parameter = s.size() > 2 && s.front() == '{' && s.back() == '}';
    segments_.push_back({parameter ? std::string() : std::string(s), parameter});
  }
}

std::optional<std::vector<std::string>> RoutePath::match(std::string_view path) const {
  const std::vector<std::string_view> parts = split(path);
  if (parts.size() != segments_.size()) return std::nullopt;
  std::vector<std::string> values;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (segments_[i].parameter) {
      if (parts[i].empty()) return std::nullopt;
      values.emplace_back(parts[i]);
    } else if (parts[i] != segments_[i].text) {
      return std::nullopt;
    }
  }
  return values;
}

}  // namespace taperlab::server
