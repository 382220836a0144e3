#pragma once

// The HTTP side of `taperlab serve`: binds the API's routes and the built web app on one port.
// Boost.Beast on a few io threads (http_connection.*), the routes on a pool of worker threads
// (request_handler.*), with the limits of ServerLimits on every connection. Boost.Asio is
// included by http_server.cpp and http_connection.* only.

#include <filesystem>
#include <memory>
#include <string>

#include "server/server_context.hpp"

namespace taperlab::server {

struct HttpOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;                // 0: any free port (tests)
  std::filesystem::path web_dir;  // the built web app; empty: API only
  bool access_log = true;
};

class HttpServer {
 public:
  HttpServer(const ServerContext& context, HttpOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the socket and returns the port. Throws std::runtime_error when it cannot.
  int bind();
  // Serves until stop(); returns once every request in flight has been answered.
  void serve();
  // Safe from another thread (e.g. the one that waits for SIGTERM).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace taperlab::server
