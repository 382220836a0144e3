#pragma once

// The built web app's files (web/dist), served under "/": a path names a file below the folder
// only ("..", backslashes and NUL are refused), "/" and "dir/" mean index.html, and the type comes
// from the extension. The gzip form of a file is kept in memory next to its size and time, so a
// script is compressed once, not per request. Thread-safe.

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace taperlab::server {

struct StaticFile {
  std::string body;
  std::string content_type;
  bool gzipped = false;  // body is the gzip form (Content-Encoding: gzip)
};

class StaticFiles {
 public:
  // Throws std::runtime_error when `root` is not a folder.
  explicit StaticFiles(std::filesystem::path root);

  // The file for a decoded request path, gzipped when `gzip_ok` and worth it; nullopt when there
  // is no such file (or the path leaves the folder).
  [[nodiscard]] std::optional<StaticFile> find(std::string_view path, bool gzip_ok) const;

  // "text/javascript" for "app.js"; application/octet-stream for an unknown extension.
  static std::string content_type_for(std::string_view file_name);

 private:
  struct Packed {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    std::string gzipped;
  };
  std::filesystem::path root_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, Packed> packed_;  // by the file's path below root_
};

}  // namespace taperlab::server
