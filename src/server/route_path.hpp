#pragma once

// Matching a request path against a route's path ("/api/v1/people/{person_id}/today") without a
// regular expression: segment by segment, a {parameter} standing for one non-empty segment.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace taperlab::server {

class RoutePath {
 public:
  explicit RoutePath(std::string_view pattern);

  // The values of the {parameters} in order when `path` matches, else nullopt.
  [[nodiscard]] std::optional<std::vector<std::string>> match(std::string_view path) const;
  // Same, for a path already split by split_path: a request tried against every route splits
  // its path once (splitting it again for each route was 6% of a GET's instructions).
  [[nodiscard]] std::optional<std::vector<std::string>> match(
      const std::vector<std::string_view>& parts) const;
  // "/a/b/" -> "a", "b", "": the leading slash is dropped, a trailing one makes an empty segment;
  // nothing for a path that does not start with a slash.
  static std::vector<std::string_view> split_path(std::string_view path);

 private:
  struct Segment {
    std::string text;  // literal text; empty for a parameter
    bool parameter = false;
  };
  std::vector<Segment> segments_;
};

}  // namespace taperlab::server
