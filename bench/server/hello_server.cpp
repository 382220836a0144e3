// The bare cpp-httplib baseline for bench/server/run.sh: GET /hello answers a tiny JSON body from
// a thread pool of the same size as `taperlab serve` (8 by default). Usage:
// taperlab_hello_server [PORT (0: any free port)] [THREADS] [NODELAY (1: TCP_NODELAY, 0: Nagle,
// cpp-httplib's default)]
#include <httplib.h>
#include <sys/socket.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {
httplib::Server* g_server = nullptr;
void on_signal(int) {
  if (g_server) g_server->stop();
}
}  // namespace

int main(int argc, char** argv) {
  const int port = argc > 1 ? std::atoi(argv[1]) : 8081;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 8;
  const bool nodelay = argc > 3 ? std::atoi(argv[3]) != 0 : true;
  httplib::Server http;
  // cpp-httplib writes the headers and the body in separate send() calls; with Nagle's algorithm
  // on, the body waits for the client's delayed ACK (~40 ms on Linux) on a kept-alive connection.
  http.set_tcp_nodelay(nodelay);
  http.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  // The same connection settings as taperlab serve (src/server/http_server.cpp).
  http.set_keep_alive_timeout(5);
  http.set_keep_alive_max_count(100);
  int listen_socket = -1;
  http.set_socket_options([&listen_socket](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_socket = sock;
  });
  http.Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"hello":"world"})", "application/json");
  });
  g_server = &http;
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  // Port 0 picks a free port; the line below tells the script which one.
  const int bound = port == 0 ? http.bind_to_any_port("127.0.0.1")
                              : (http.bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound <= 0) {
    std::cerr << "hello_server: cannot bind 127.0.0.1:" << port << "\n";
    return 1;
  }
  // taperlab serve raises cpp-httplib's listen backlog of 5 the same way.
  if (listen_socket < 0 || ::listen(listen_socket, SOMAXCONN) != 0) {
    std::cerr << "hello_server: cannot set the listen backlog\n";
    return 1;
  }
  std::cout << "hello_server is running at http://127.0.0.1:" << bound << "/ with " << threads
            << " threads, TCP_NODELAY " << (nodelay ? "on" : "off") << "\n"
            << std::flush;
  http.listen_after_bind();
  return 0;
}
