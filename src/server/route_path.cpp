#include "server/route_path.hpp"

namespace taperlab::server {

std::vector<std::string_view> RoutePath::split_path(std::string_view path) {
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

RoutePath::RoutePath(std::string_view pattern) {
  for (std::string_view s : split_path(pattern)) {
    const bool parameter = s.size() > 2 && s.front() == '{' && s.back() == '}';
    segments_.push_back({parameter ? std::string() : std::string(s), parameter});
  }
}

std::optional<std::vector<std::string>> RoutePath::match(std::string_view path) const {
  return match(split_path(path));
}

std::optional<std::vector<std::string>> RoutePath::match(
    const std::vector<std::string_view>& parts) const {
  if (parts.size() != segments_.size()) return std::nullopt;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (segments_[i].parameter ? parts[i].empty() : parts[i] != segments_[i].text) {
      return std::nullopt;
    }
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (segments_[i].parameter) values.emplace_back(parts[i]);
  }
  return values;
}

}  // namespace taperlab::server
