#pragma once

// One HTTP/1.1 connection on Boost.Beast, driven by the io threads' events: it waits for a
// request, reads its header section and then its body, each within a deadline and a size limit,
// hands the complete request to a worker thread (request_handler.hpp) and writes the answer back
// before it reads the next request, so pipelined requests are answered one by one, in order. A
// connection that is idle or slow holds no thread, only its socket and a few kilobytes.
// Included by http_server.cpp and http_connection.cpp only (Boost.Asio is slow to compile).

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/api.hpp"
#include "server/connection_limiter.hpp"
#include "server/request_handler.hpp"

namespace taperlab::server {

class HttpConnection;

// The open connections, so that stop() can reach each one. Thread-safe.
class ConnectionRegistry {
 public:
  std::uint64_t add(std::weak_ptr<HttpConnection> connection);
  void remove(std::uint64_t id);
  [[nodiscard]] std::vector<std::shared_ptr<HttpConnection>> all() const;

 private:
  mutable std::mutex mutex_;
  std::uint64_t next_ = 0;
  std::unordered_map<std::uint64_t, std::weak_ptr<HttpConnection>> open_;
};

// What every connection of one server shares.
struct ConnectionShared {
  const ServerLimits& limits;
  const RequestHandler& handler;
  boost::asio::io_context& io;
  boost::asio::thread_pool& workers;
  ConnectionRegistry& registry;
  bool access_log = true;
};

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(boost::asio::ip::tcp::socket socket, ConnectionShared& shared,
                 ConnectionLimiter::Slot slot, std::string remote_addr);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // Registers the connection and waits for its first request.
  void start();
  // From any thread: closes the connection now if no request is under way, else once its answer
  // has been written.
  void stop();

 private:
  enum class State { kIdle, kHeader, kBody, kHandling, kWriting, kClosing, kClosed };
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  void wait_for_request();
  void on_first_bytes(boost::beast::error_code ec, std::size_t bytes);
  void read_header();
  void on_header(boost::beast::error_code ec, std::size_t bytes);
  void read_body();
  void on_body(boost::beast::error_code ec, std::size_t bytes);
  void handle();
  void on_answer(HttpAnswer answer);
  // Refuses the request being read and closes the connection after the answer (its framing can no
  // longer be trusted, or its body is not read).
  void refuse(int status, const std::string& type, const std::string& title,
              const std::string& detail);
  void write(HttpAnswer answer, bool keep_alive);
  void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);
  void log(int status, std::size_t bytes) const;
  // After a refusal: stops sending, reads and drops what the client still sends for a moment, then
  // closes, so that the refusal is not lost to a reset of the connection.
  void linger();
  void drain(boost::beast::error_code ec, std::size_t bytes);
  void close();

  boost::beast::tcp_stream stream_;
  ConnectionShared& shared_;
  ConnectionLimiter::Slot slot_;
  std::string remote_addr_;
  std::uint64_t id_ = 0;
  boost::beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  std::optional<Response> response_;
  std::optional<boost::beast::http::response<boost::beast::http::empty_body>> interim_;
  ApiRequest request_;
  RequestHandler::Match match_;
  State state_ = State::kIdle;
  bool stopping_ = false;
  bool head_ = false;
  bool unread_ = false;  // the request being refused was not read to its end
  std::size_t drained_ = 0;
  int answered_ = 0;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace taperlab::server
