#include "server/request_handler.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "server/dispatch.hpp"
#include "server/http_compression.hpp"
#include "server/problem.hpp"
#include "server/static_files.hpp"

namespace taperlab::server {
namespace {

// No inline script or style: the web app's own files only.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

void add_security_headers(HttpAnswer& answer) {
  // A route may answer with its own policy (the visit report's page: its inline styles and
  // nothing else); two policies would both apply, so the default steps aside.
  const bool own_policy =
      std::any_of(answer.headers.begin(), answer.headers.end(),
                  [](const auto& h) { return h.first == "Content-Security-Policy"; });
  if (!own_policy) answer.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  answer.headers.emplace_back("X-Content-Type-Options", "nosniff");
  answer.headers.emplace_back("Referrer-Policy", "no-referrer");
  answer.headers.emplace_back("X-Frame-Options", "DENY");
  answer.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
}

// An API answer (a route's, or a problem document): never kept in caches, since it can hold
// health data; compressed when the client takes gzip and it is large enough.
HttpAnswer from_api(ApiResponse&& response, bool gzip_ok) {
  HttpAnswer out;
  out.status = response.status;
  out.headers = std::move(response.headers);
  out.headers.emplace_back("Cache-Control", "no-store");
  if (!response.content_type.empty()) {
    out.body = std::move(response.body);
    if (gzip_ok && out.body.size() >= kMinCompressedBytes && compressible(response.content_type)) {
      if (auto packed = gzip(out.body)) {
        out.body = std::move(*packed);
        out.headers.emplace_back("Content-Encoding", "gzip");
        out.headers.emplace_back("Vary", "Accept-Encoding");
      }
    }
    out.headers.emplace_back("Content-Type", std::move(response.content_type));
  }
  add_security_headers(out);
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

RequestHandler::RequestHandler(const ServerContext& context, const std::filesystem::path& web_dir)
    : context_(context), routes_(api_routes()) {
  for (const Route& route : routes_) {
    auto entry = std::make_pair(&route, RoutePath(route.path));
    if (route.method == "GET")
      get_.push_back(std::move(entry));
    else if (route.method == "POST")
      post_.push_back(std::move(entry));
    else if (route.method == "PUT")
      put_.push_back(std::move(entry));
    else if (route.method == "DELETE")
      delete_.push_back(std::move(entry));
    else
      throw std::logic_error("unsupported method " + route.method);
    largest_body_limit_ = std::max(largest_body_limit_, server::body_limit(route, context.limits));
  }
  largest_body_limit_ = std::max(largest_body_limit_, context.limits.max_body_bytes);
  if (!web_dir.empty()) web_ = std::make_unique<StaticFiles>(web_dir);
}

RequestHandler::~RequestHandler() = default;

RequestHandler::Match RequestHandler::match(std::string_view method, std::string_view path) const {
  const std::vector<std::pair<const Route*, RoutePath>>* routes = nullptr;
  if (method == "GET" || method == "HEAD")
    routes = &get_;
  else if (method == "POST")
    routes = &post_;
  else if (method == "PUT")
    routes = &put_;
  else if (method == "DELETE")
    routes = &delete_;
  else
    return {};
  // The API and the calendar feeds only: no static file is ever looked up by a token.
  if (!starts_with(path, "/api/") && !starts_with(path, "/cal/")) return {};
  const std::vector<std::string_view> parts = RoutePath::split_path(path);
  for (const auto& [route, route_path] : *routes) {
    if (auto captures = route_path.match(parts)) return {route, std::move(*captures)};
  }
  return {};
}

std::size_t RequestHandler::body_limit(const Match& match) const {
  return match.route ? server::body_limit(*match.route, context_.limits)
                     : context_.limits.max_body_bytes;
}

HttpAnswer RequestHandler::answer(const ApiRequest& request, const Match& match) const noexcept {
  const bool gzip_ok = accepts_gzip(request.header("accept-encoding"));
  try {
    if (match.route) {
      return from_api(dispatch(*match.route, request, context_), gzip_ok);
    }
    return answer_unrouted(request);
  } catch (...) {
    try {
      return from_api(problem_for(std::current_exception()), false);
    } catch (...) {
      HttpAnswer out;
      out.status = 500;
      return out;
    }
  }
}

HttpAnswer RequestHandler::answer_unrouted(const ApiRequest& request) const {
  const bool gzip_ok = accepts_gzip(request.header("accept-encoding"));
  if (starts_with(request.path, "/api/")) {
    return from_api(problem(404, "not-found", "Not found",
                            "no such route: " + request.method + " " + request.path),
                    gzip_ok);
  }
  if (web_ && (request.method == "GET" || request.method == "HEAD")) {
    if (auto file = web_->find(request.path, gzip_ok)) {
      HttpAnswer out;
      out.headers.emplace_back("Content-Type", std::move(file->content_type));
      if (file->gzipped) {
        out.headers.emplace_back("Content-Encoding", "gzip");
        out.headers.emplace_back("Vary", "Accept-Encoding");
      }
      out.body = std::move(file->body);
      add_security_headers(out);
      return out;
    }
  }
  HttpAnswer out;
  out.status = 404;
  out.headers.emplace_back("Content-Type", "text/plain");
  out.body = "Not found\n";
  add_security_headers(out);
  return out;
}

HttpAnswer RequestHandler::refusal(int status, const std::string& type, const std::string& title,
                                   const std::string& detail) {
  return from_api(problem(status, type, title, detail), false);
}

}  // namespace taperlab::server
