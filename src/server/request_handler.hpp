#pragma once

// What the server answers to one request, apart from the connection it came on: the API's routes
// (dispatch.hpp), the built web app's files, a 404 for anything else, and the headers every answer
// carries (security headers; no-store on the API's answers; gzip when the client takes it). It
// knows nothing of sockets, so the connection code (http_connection.cpp) only frames bytes.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/api.hpp"
#include "server/route_path.hpp"

namespace taperlab::server {

class StaticFiles;

// An answer ready to be framed: Content-Length and Connection are the connection's to add.
struct HttpAnswer {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class RequestHandler {
 public:
  // `web_dir` empty: the API only. Throws std::runtime_error when it is not a folder.
  RequestHandler(const ServerContext& context, const std::filesystem::path& web_dir);
  ~RequestHandler();
  RequestHandler(const RequestHandler&) = delete;
  RequestHandler& operator=(const RequestHandler&) = delete;

  struct Match {
    const Route* route = nullptr;       // nullptr: a static file or nothing
    std::vector<std::string> captures;  // the route's {parameters}, for ApiRequest::captures
  };
  // The route for a method and a decoded path (HEAD takes the GET routes).
  [[nodiscard]] Match match(std::string_view method, std::string_view path) const;
  // The most bytes a request's body may have: the route's own limit, else the server's.
  [[nodiscard]] std::size_t body_limit(const Match& match) const;
  // The largest of every route's limit: what the parser allows before the route is known.
  [[nodiscard]] std::size_t largest_body_limit() const { return largest_body_limit_; }

  // The answer to a complete request (runs on a worker thread: a route may block on SQLite or a
  // simulation). Never throws: an error becomes a problem document.
  [[nodiscard]] HttpAnswer answer(const ApiRequest& request, const Match& match) const noexcept;

  // A refusal found while reading the request (400, 408, 413, 431), as a problem document with
  // the usual headers.
  [[nodiscard]] static HttpAnswer refusal(int status, const std::string& type,
                                          const std::string& title, const std::string& detail);

 private:
  [[nodiscard]] HttpAnswer answer_unrouted(const ApiRequest& request) const;

  const ServerContext& context_;
  std::vector<Route> routes_;
  std::vector<std::pair<const Route*, RoutePath>> get_, post_, put_, delete_;
  std::size_t largest_body_limit_ = 0;
  std::unique_ptr<StaticFiles> web_;
};

}  // namespace taperlab::server
