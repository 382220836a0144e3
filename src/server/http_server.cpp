#include "server/http_server.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <stdexcept>

#include "server/dispatch.hpp"
#include "server/log_path.hpp"
#include "server/problem.hpp"
#include "server/route_path.hpp"

namespace taperlab::server {
namespace {

// No inline script or style: the web app's own files only.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// "/api/v1/people/{person_id}/today" -> "/api/v1/people/([^/]+)/today", dots taken literally.
std::string route_regex(const std::string& path) {
  static const std::regex parameter(R"(\{[a-z_]+\})");
  std::string escaped;
  for (char c : path) {
    if (c == '.')
      escaped += "\\.";
    else
      escaped += c;
  }
  return std::regex_replace(escaped, parameter, "([^/]+)");
}

ApiRequest to_api_request(const httplib::Request& req, std::vector<std::string> captures) {
  ApiRequest r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [key, value] : req.params) r.query.emplace(key, value);  // first value wins
  for (const auto& [key, value] : req.headers) {
    std::string name = key;
    // Header names are ASCII (RFC 9110): no locale, no call per character.
    for (auto& c : name) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    r.headers.emplace(name, value);
  }
  r.captures = std::move(captures);
  r.body = req.body;
  r.remote_addr = req.remote_addr;
  return r;
}

void write_response(ApiResponse&& answer, httplib::Response& res) {
  res.status = answer.status;
  for (const auto& [name, value] : answer.headers) res.set_header(name, value);
  // Health data must not linger in shared caches or the browser's back-forward cache.
  res.set_header("Cache-Control", "no-store");
  if (!answer.content_type.empty()) {
    // As set_content does, without copying the body (a plan preview is about 100 KB).
    res.body = std::move(answer.body);
    res.set_header("Content-Type", answer.content_type);
  }
}

thread_local std::chrono::steady_clock::time_point request_started;

}  // namespace

struct HttpServer::Impl {
  Impl(const ServerContext& c, HttpOptions o)
      : context(c), options(std::move(o)), routes(api_routes()) {}

  void set_limits();
  void set_security_headers();
  void register_routes();
  void mount_web_app();
  void answer_api_gets_first();
  void answer_errors_as_problems();
  void log_requests();

  const ServerContext& context;
  HttpOptions options;
  httplib::Server http;
  std::vector<Route> routes;
  // The GET routes, matched before cpp-httplib looks for a static file of that name (a stat per
  // request) and tries its regular expressions one by one.
  std::vector<std::pair<const Route*, RoutePath>> get_routes;
  int port = 0;
  int listen_socket = -1;  // seen by the socket options callback when bind creates it
};

// Threads, body size, timeouts and keep-alive from the server's limits; the listening socket is
// noted for bind(), which widens its backlog.
void HttpServer::Impl::set_limits() {
  const ServerLimits& limits = context.limits;
  const int threads = limits.threads;
  http.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  // cpp-httplib writes headers and body separately: with Nagle's algorithm on, a kept-alive
  // connection waits for the client's delayed ACK (about 40 ms) before the body goes out.
  http.set_tcp_nodelay(true);
  // The largest body any route takes; dispatch() holds each route to its own limit.
  std::size_t max_body = 0;
  for (const Route& route : routes) max_body = std::max(max_body, body_limit(route, limits));
  http.set_payload_max_length(max_body);
  http.set_read_timeout(limits.read_timeout_s, 0);
  http.set_write_timeout(limits.write_timeout_s, 0);
  http.set_keep_alive_timeout(5);
  // cpp-httplib closes a kept-alive connection after 5 requests by default, so a page that loads
  // its data in a few calls reconnects every time; browsers and proxies keep connections for
  // hundreds of requests (nginx: 1,000). The idle timeout above still frees an unused thread.
  http.set_keep_alive_max_count(limits.keep_alive_requests);
  http.set_socket_options([impl = this](socket_t sock) {
    httplib::default_socket_options(sock);
    impl->listen_socket = sock;
  });
}

void HttpServer::Impl::set_security_headers() {
  http.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                            {"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"},
                            {"X-Frame-Options", "DENY"},
                            {"Cross-Origin-Opener-Policy", "same-origin"}});
}

// Every API route with cpp-httplib under its regular expression; the GET routes are also kept for
// answer_api_gets_first.
void HttpServer::Impl::register_routes() {
  for (const Route& route : routes) {
    const Route* r = &route;
    const ServerContext* ctx = &context;
    auto handler = [r, ctx](const httplib::Request& req, httplib::Response& res) {
      std::vector<std::string> captures;
      for (std::size_t i = 1; i < req.matches.size(); ++i) captures.push_back(req.matches[i].str());
      write_response(dispatch(*r, to_api_request(req, std::move(captures)), *ctx), res);
    };
    if (route.method == "GET") get_routes.emplace_back(r, RoutePath(route.path));
    const std::string pattern = route_regex(route.path);
    if (route.method == "GET")
      http.Get(pattern, handler);
    else if (route.method == "POST")
      http.Post(pattern, handler);
    else if (route.method == "PUT")
      http.Put(pattern, handler);
    else if (route.method == "DELETE")
      http.Delete(pattern, handler);
    else
      throw std::logic_error("unsupported method " + route.method);
  }
}

void HttpServer::Impl::mount_web_app() {
  if (options.web_dir.empty()) return;
  if (!http.set_mount_point("/", options.web_dir.string())) {
    throw std::runtime_error("the web app folder " + options.web_dir.string() +
                             " does not exist; build it with `npm run build` in web/");
  }
}

// A GET of the API is answered here, before the static files are looked at; the body of a POST
// is read only later, so other methods take the registered routes.
void HttpServer::Impl::answer_api_gets_first() {
  http.set_pre_routing_handler([impl = this](const httplib::Request& req, httplib::Response& res) {
    request_started = std::chrono::steady_clock::now();
    // The calendar feeds (/cal/<token>.ics) too: no static file is ever looked up by a token.
    if (req.method != "GET" ||
        (req.path.rfind("/api/", 0) != 0 && req.path.rfind("/cal/", 0) != 0)) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    const std::vector<std::string_view> parts = RoutePath::split_path(req.path);
    for (const auto& [route, path] : impl->get_routes) {
      if (auto captures = path.match(parts)) {
        write_response(dispatch(*route, to_api_request(req, std::move(*captures)), impl->context),
                       res);
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
}

// Errors the library answers itself (no route, body too large) become problem documents too, and
// so do exceptions.
void HttpServer::Impl::answer_errors_as_problems() {
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (req.path.rfind("/api/", 0) != 0 && res.status == 404) {
      res.set_content("Not found\n", "text/plain");
      return;
    }
    ApiResponse answer;
    if (res.status == 413) {
      answer = problem(413, "payload-too-large", "The request is too large",
                       "the body is larger than the server accepts");
    } else if (res.status == 404) {
      answer =
          problem(404, "not-found", "Not found", "no such route: " + req.method + " " + req.path);
    } else {
      answer = problem(res.status, "http", "The request could not be handled", "");
    }
    write_response(std::move(answer), res);
  });

  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        write_response(problem_for(error), res);
      });
}

// One JSON line per request: never bodies, query strings, cookies or headers, which can hold
// health data or secrets. A calendar feed's path is its secret (routes/calendar_routes.cpp), so it
// is logged without the token.
void HttpServer::Impl::log_requests() {
  if (!options.access_log) return;
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              request_started)
                        .count();
    spdlog::info(R"({{"method":"{}","path":"{}","status":{},"ms":{:.2f},"bytes":{}}})", req.method,
                 loggable_path(req.path), res.status, ms, res.body.size());
  });
}

HttpServer::HttpServer(const ServerContext& context, HttpOptions options)
    : impl_(std::make_unique<Impl>(context, std::move(options))) {
  impl_->set_limits();
  impl_->set_security_headers();
  impl_->register_routes();
  impl_->mount_web_app();
  impl_->answer_api_gets_first();
  impl_->answer_errors_as_problems();
  impl_->log_requests();
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  auto& o = impl_->options;
  if (o.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(o.bind);
  } else {
    impl_->port = impl_->http.bind_to_port(o.bind, o.port) ? o.port : -1;
  }
  if (impl_->port <= 0) {
    throw std::runtime_error("cannot listen on " + o.bind + ":" + std::to_string(o.port) +
                             " (in use, or not an address of this machine)");
  }
  // Debian's cpp-httplib is built with a listen backlog of 5. When more connections arrive at once
  // than the accepting thread takes (kept-alive connections end after keep_alive_requests), the
  // kernel drops the rest and the clients retry after 0.2 to 1 s. Listening again on a listening
  // socket only changes its backlog (the kernel caps it at net.core.somaxconn).
  if (impl_->listen_socket < 0 || ::listen(impl_->listen_socket, SOMAXCONN) != 0) {
    throw std::runtime_error("cannot set the listen backlog on " + o.bind + ":" +
                             std::to_string(impl_->port));
  }
  return impl_->port;
}

void HttpServer::serve() { impl_->http.listen_after_bind(); }

void HttpServer::stop() { impl_->http.stop(); }

}  // namespace taperlab::server
