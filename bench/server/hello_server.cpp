// The bare Boost.Beast baseline for bench/server/run.sh: GET /hello answers a tiny JSON body with
// the design of `taperlab serve` (src/server/http_server.cpp, http_connection.cpp): asynchronous
// connections on a few io threads, each request handed to a pool of worker threads of the same
// size as taperlab serve's and its answer posted back to the connection. Usage:
// taperlab_hello_server [PORT (0: any free port)] [THREADS] [NODELAY (1: TCP_NODELAY, 0: Nagle)]
// [IO_THREADS (2, as taperlab serve)]
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

struct Shared {
  net::io_context& io;
  net::thread_pool& workers;
};

// One connection: read a request (header deadline 10 s, idle 5 s as taperlab serve), answer it on
// a worker, write, read the next; 100 requests per connection.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}

  void start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::read, shared_from_this()));
  }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(16 << 10);
    parser_->body_limit(1 << 20);
    stream_.expires_after(std::chrono::seconds(buffer_.size() > 0 ? 10 : 5));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return close();
    net::post(
        shared_.workers, [self = shared_from_this(), guard = net::make_work_guard(shared_.io)] {
          auto response = std::make_shared<http::response<http::string_body>>(
              http::status::ok, self->parser_->get().version());
          if (self->parser_->get().target() == "/hello") {
            response->set(http::field::content_type, "application/json");
            response->body() = R"({"hello":"world"})";
          } else {
            response->result(http::status::not_found);
          }
          net::post(self->stream_.get_executor(), [self, response] { self->write(response); });
        });
  }

  void write(std::shared_ptr<http::response<http::string_body>> response) {
    response_ = std::move(response);
    const bool keep = parser_->keep_alive() && ++answered_ < 100;
    response_->keep_alive(keep);
    response_->prepare_payload();
    stream_.expires_after(std::chrono::seconds(10));
    http::async_write(stream_, *response_,
                      [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
                        self->response_.reset();
                        if (ec || !keep) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_{(16 << 10) + (64 << 10)};
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
  int answered_ = 0;
};

void accept(tcp::acceptor& acceptor, Shared& shared, bool nodelay) {
  acceptor.async_accept(net::make_strand(shared.io),
                        [&acceptor, &shared, nodelay](beast::error_code ec, tcp::socket socket) {
                          if (ec == net::error::operation_aborted) return;
                          if (!ec) {
                            socket.set_option(tcp::no_delay(nodelay), ec);
                            std::make_shared<Session>(std::move(socket), shared)->start();
                          }
                          accept(acceptor, shared, nodelay);
                        });
}

}  // namespace

int main(int argc, char** argv) {
  const int port = argc > 1 ? std::atoi(argv[1]) : 8081;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 32;
  const bool nodelay = argc > 3 ? std::atoi(argv[3]) != 0 : true;
  const int io_threads = argc > 4 ? std::atoi(argv[4]) : 2;
  net::io_context io;
  net::thread_pool workers(static_cast<std::size_t>(threads));
  Shared shared{io, workers};
  tcp::acceptor acceptor(net::make_strand(io));
  beast::error_code ec;
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"),
                               static_cast<unsigned short>(port));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    std::cerr << "hello_server: cannot listen on 127.0.0.1:" << port << ": " << ec.message()
              << "\n";
    return 1;
  }
  net::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](beast::error_code, int) {
    net::post(acceptor.get_executor(), [&] { acceptor.close(); });
    io.stop();
  });
  accept(acceptor, shared, nodelay);
  // Port 0 picks a free port; the line below tells the script which one.
  std::cout << "hello_server is running at http://127.0.0.1:" << acceptor.local_endpoint().port()
            << "/ with " << threads << " worker threads, " << io_threads
            << " io threads, TCP_NODELAY " << (nodelay ? "on" : "off") << "\n"
            << std::flush;
  std::vector<std::thread> extra;
  for (int i = 1; i < io_threads; ++i) extra.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : extra) t.join();
  workers.stop();
  workers.join();
  return 0;
}
