#pragma once

// gzip for answers (zlib): the web app's scripts and the API's larger JSON documents, when the
// client accepts it, as the previous HTTP library did.

#include <optional>
#include <string>
#include <string_view>

namespace taperlab::server {

// Whether an Accept-Encoding header value allows gzip ("gzip, deflate, br"; "gzip;q=0" does not).
bool accepts_gzip(std::string_view accept_encoding);

// Whether a body of this Content-Type is worth compressing (text, JSON, JavaScript, SVG, XML).
bool compressible(std::string_view content_type);

// Bodies smaller than this gain too little to be worth the time.
inline constexpr std::size_t kMinCompressedBytes = 1024;

// `body` as a gzip member; nullopt if zlib fails.
std::optional<std::string> gzip(std::string_view body);

}  // namespace taperlab::server
