#include "server/log_path.hpp"

namespace taperlab::server {

std::string loggable_path(std::string_view path) {
  if (path.substr(0, 5) == "/cal/") return "/cal/{token}";
  return std::string(path);
}

}  // namespace taperlab::server
