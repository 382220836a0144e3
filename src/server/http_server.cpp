#include "server/http_server.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

#include "server/connection_limiter.hpp"
#include "server/http_connection.hpp"
#include "server/request_handler.hpp"

namespace taperlab::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Each connection is a file descriptor: the soft limit (often 1,024) is raised towards the hard
// one so that max_connections, not the kernel, decides when connections are turned away.
void allow_open_files(int connections) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t wanted = static_cast<rlim_t>(connections) + 256;
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
  ::setrlimit(RLIMIT_NOFILE, &limit);
}

bool out_of_descriptors(const boost::system::error_code& ec) {
  return ec == net::error::no_descriptors || ec == net::error::no_buffer_space ||
         ec == net::error::no_memory || ec.value() == ENFILE;
}

}  // namespace

// Declared in the order they are built; destroyed in reverse, so the io context and the workers
// (whose pending handlers own connections) go before what connections refer to.
struct HttpServer::Impl {
  Impl(const ServerContext& c, HttpOptions o)
      : context(c),
        options(std::move(o)),
        handler(c, options.web_dir),
        limiter(c.limits.max_connections, c.limits.max_connections_per_address),
        workers(static_cast<std::size_t>(std::max(1, c.limits.threads))),
        shared{c.limits, handler, io, workers, registry, options.access_log},
        acceptor(net::make_strand(io)),
        retry(acceptor.get_executor()) {}

  void accept();
  void on_accept(boost::system::error_code ec, tcp::socket socket);

  const ServerContext& context;
  HttpOptions options;
  RequestHandler handler;
  ConnectionRegistry registry;
  ConnectionLimiter limiter;
  net::io_context io;
  net::thread_pool workers;
  ConnectionShared shared;
  tcp::acceptor acceptor;
  net::steady_timer retry;  // accepting again after the process ran out of descriptors
  bool stopping = false;    // on the acceptor's strand
  std::atomic<bool> served{false};
};

void HttpServer::Impl::accept() {
  if (stopping) return;
  // Each connection on a strand of its own: its handlers never run at once, on any io thread.
  acceptor.async_accept(net::make_strand(io),
                        boost::beast::bind_front_handler(&Impl::on_accept, this));
}

void HttpServer::Impl::on_accept(boost::system::error_code ec, tcp::socket socket) {
  if (stopping || ec == net::error::operation_aborted) return;
  if (ec) {
    if (out_of_descriptors(ec)) {
      spdlog::warn("accepting connections paused for 100 ms: {}", ec.message());
      retry.expires_after(std::chrono::milliseconds(100));
      retry.async_wait([this](boost::system::error_code wait_error) {
        if (!wait_error) accept();
      });
      return;
    }
    return accept();  // the client gave up before it was accepted
  }
  boost::system::error_code endpoint_error;
  const auto remote = socket.remote_endpoint(endpoint_error);
  if (!endpoint_error) {
    std::string address = remote.address().to_string();
    if (auto slot = limiter.admit(address)) {
      // Headers and body go out in one write, but a small answer must not wait for the client's
      // delayed ACK either.
      socket.set_option(tcp::no_delay(true), endpoint_error);
      std::make_shared<HttpConnection>(std::move(socket), shared, std::move(*slot),
                                       std::move(address))
          ->start();
    }
    // Beyond a limit the socket is closed here, as soon as it was accepted.
  }
  accept();
}

HttpServer::HttpServer(const ServerContext& context, HttpOptions options)
    : impl_(std::make_unique<Impl>(context, std::move(options))) {}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  auto& o = impl_->options;
  const auto cannot = [&o](const std::string& why) {
    return std::runtime_error("cannot listen on " + o.bind + ":" + std::to_string(o.port) + " (" +
                              why + ")");
  };
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->io);
  const auto endpoints = resolver.resolve(
      o.bind, std::to_string(o.port), tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) throw cannot("not an address of this machine");
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (ec) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    throw cannot("in use, or not an address of this machine");
  }
  // A backlog as large as the kernel allows (net.core.somaxconn): connections that arrive
  // together wait in it rather than being dropped and retried by the clients after a second.
  acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw cannot(ec.message());
  allow_open_files(impl_->context.limits.max_connections);
  return acceptor.local_endpoint().port();
}

void HttpServer::serve() {
  if (impl_->served.exchange(true)) throw std::logic_error("HttpServer::serve called twice");
  net::post(impl_->acceptor.get_executor(), [impl = impl_.get()] { impl->accept(); });
  const int extra = std::max(1, impl_->context.limits.io_threads) - 1;
  auto run = [impl = impl_.get()] {
    while (true) {
      try {
        impl->io.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("the HTTP server's io thread caught: {}", e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(extra));
  for (int i = 0; i < extra; ++i) threads.emplace_back(run);
  run();
  for (auto& t : threads) t.join();
  // io.run() returns once every connection is closed, and each request in flight held it
  // (a work guard) until its answer was written.
  impl_->workers.join();
}

void HttpServer::stop() {
  net::post(impl_->acceptor.get_executor(), [impl = impl_.get()] {
    impl->stopping = true;
    boost::system::error_code ignored;
    impl->acceptor.close(ignored);
    impl->retry.cancel();
    for (const auto& connection : impl->registry.all()) connection->stop();
  });
}

}  // namespace taperlab::server
