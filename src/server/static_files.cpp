#include "server/static_files.hpp"

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "server/http_compression.hpp"

namespace taperlab::server {
namespace {

// "/a/./b/" -> "a/b/index.html"; nullopt for ".." or anything that is no plain file name.
std::optional<std::string> relative_file(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::string out;
  std::string_view rest = path.substr(1);
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    const bool last = slash == std::string_view::npos;
    if (segment == "..") return std::nullopt;
    if (segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos) {
      return std::nullopt;
    }
    if (!segment.empty() && segment != ".") {
      if (!out.empty()) out += '/';
      out += segment;
    }
    if (last) {
      // A path that ends with "/" (or is "/") names the folder's index.html.
      if (segment.empty() || segment == ".") out += out.empty() ? "index.html" : "/index.html";
      return out;
    }
    rest.remove_prefix(slash + 1);
  }
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root_, ec)) {
    throw std::runtime_error("the web app folder " + root_.string() +
                             " does not exist; build it with `npm run build` in web/");
  }
}

std::string StaticFiles::content_type_for(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  const std::string_view ext =
      dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {"html", "text/html"},
      {"htm", "text/html"},
      {"js", "text/javascript"},
      {"mjs", "text/javascript"},
      {"css", "text/css"},
      {"json", "application/json"},
      {"webmanifest", "application/manifest+json"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"avif", "image/avif"},
      {"ico", "image/x-icon"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"ttf", "font/ttf"},
      {"otf", "font/otf"},
      {"txt", "text/plain"},
      {"csv", "text/csv"},
      {"xml", "application/xml"},
      {"pdf", "application/pdf"},
      {"wasm", "application/wasm"},
      {"map", "application/json"},
  };
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return std::string(type);
  }
  return "application/octet-stream";
}

std::optional<StaticFile> StaticFiles::find(std::string_view path, bool gzip_ok) const {
  const auto relative = relative_file(path);
  if (!relative) return std::nullopt;
  const std::filesystem::path file = root_ / *relative;
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::is_regular_file(status)) return std::nullopt;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return std::nullopt;
  const auto modified = std::filesystem::last_write_time(file, ec);
  if (ec) return std::nullopt;

  StaticFile out;
  out.content_type = content_type_for(*relative);
  if (out.content_type.rfind("text/", 0) == 0) out.content_type += "; charset=utf-8";
  const bool pack = gzip_ok && size >= kMinCompressedBytes && compressible(out.content_type);
  if (pack) {
    std::lock_guard lock(mutex_);
    auto it = packed_.find(*relative);
    if (it != packed_.end() && it->second.modified == modified && it->second.size == size) {
      out.body = it->second.gzipped;
      out.gzipped = true;
      return out;
    }
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  out.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (pack) {
    if (auto packed = gzip(out.body)) {
      out.body = std::move(*packed);
      out.gzipped = true;
      std::lock_guard lock(mutex_);
      packed_[*relative] = Packed{modified, size, out.body};
    }
  }
  return out;
}

}  // namespace taperlab::server
