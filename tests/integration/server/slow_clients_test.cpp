// Slow and hostile clients over raw sockets (issue 24, points 1 and 4): idle and slow-sending
// connections hold no worker thread, so others are still answered at once; a header section and a
// body must each arrive within a deadline; an endless header section is cut off at its size limit
// with memory flat; connections per address are limited; Content-Length must be one plain number;
// a NUL in a path or a body is refused; pipelined requests are answered in order.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server_fixture.hpp"

namespace taperlab::server::testing::slow_clients {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A connected socket to the server, closed on destruction.
class RawSocket {
 public:
  explicit RawSocket(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("connect() failed");
    }
  }
  RawSocket(RawSocket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;
  RawSocket& operator=(RawSocket&&) = delete;
  ~RawSocket() {
    if (fd_ >= 0) ::close(fd_);
  }

  // False once the server has closed the connection (EPIPE, ECONNRESET).
  bool send(std::string_view data) const {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Whether the server closed the connection within `timeout` (what it sent before is read and
  // dropped).
  [[nodiscard]] bool closed_within(milliseconds timeout) const {
    const auto deadline = Clock::now() + timeout;
    char chunk[4096];
    while (Clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
      if (::poll(&p, 1, static_cast<int>(std::max<long>(left, 1))) <= 0) continue;
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return true;
    }
    return false;
  }

  struct Answer {
    int status = 0;
    std::string head;  // status line and header fields
    std::string body;
    [[nodiscard]] bool has_header(const std::string& line) const {
      return head.find("\r\n" + line + "\r\n") != std::string::npos;
    }
  };

  // The next answer (framed by Content-Length), or nullopt when the connection ends first or
  // nothing comes within `timeout`.
  std::optional<Answer> read_answer(milliseconds timeout = milliseconds(5000)) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
      const std::size_t end = pending_.find("\r\n\r\n");
      if (end != std::string::npos) {
        Answer a;
        a.head = pending_.substr(0, end + 2);
        a.status = std::stoi(a.head.substr(9, 3));
        std::size_t length = 0;
        std::string lower = a.head;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (const auto at = lower.find("\r\ncontent-length: "); at != std::string::npos) {
          length = std::stoul(lower.substr(at + 18));
        }
        const bool head_only = a.status == 100 || a.status == 204 || head_request_;
        if (head_only) length = 0;
        if (pending_.size() >= end + 4 + length) {
          a.body = pending_.substr(end + 4, length);
          pending_.erase(0, end + 4 + length);
          return a;
        }
      }
      const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return std::nullopt;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char chunk[8192];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return std::nullopt;
      pending_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // One request and its answer on this connection.
  std::optional<Answer> exchange(std::string_view request) {
    if (!send(request)) return std::nullopt;
    return read_answer();
  }

  void expect_head_answers(bool on) { head_request_ = on; }

 private:
  int fd_;
  std::string pending_;
  bool head_request_ = false;
};

// The process's resident memory (the server runs in this process).
std::size_t resident_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6)) / 1024;
  }
  return 0;
}

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

class SlowClients : public ServerFixture {
 protected:
  RawSocket open() const { return RawSocket(port()); }

  // GET /api/v1/health on a new connection: how long until the answer (fails on no answer).
  double timed_health() const {
    const auto start = Clock::now();
    auto res = get("/api/v1/health");
    const double ms = elapsed_ms(start);
    EXPECT_TRUE(res && res->status == 200);
    return ms;
  }

  // The answer to one raw request on a fresh connection.
  std::optional<RawSocket::Answer> raw(const std::string& request) const {
    RawSocket s = open();
    return s.exchange(request);
  }
};

TEST_F(SlowClients, IdleAndSlowSendingConnectionsDoNotDelayOthers) {
  std::vector<RawSocket> idle;
  for (int i = 0; i < 200; ++i) idle.push_back(open());
  // 32 send a header line, 32 a body byte, every 500 ms: each alone would hold a thread of the
  // old thread-per-connection server (this fixture has 4 worker threads).
  std::vector<RawSocket> slow;
  for (int i = 0; i < 64; ++i) {
    slow.push_back(open());
    ASSERT_TRUE(slow.back().send(
        i % 2 == 0 ? std::string("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
                   : std::string("POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\n"
                                 "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n")));
  }
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    while (!done) {
      for (std::size_t i = 0; i < slow.size(); ++i) {
        (void)slow[i].send(i % 2 == 0 ? std::string_view("X-Slow: 1\r\n") : std::string_view("{"));
      }
      std::this_thread::sleep_for(milliseconds(500));
    }
  });

  // 3 seconds of requests from a well-behaved client meanwhile.
  std::vector<double> ms;
  const auto start = Clock::now();
  while (elapsed_ms(start) < 3000) {
    ms.push_back(timed_health());
    std::this_thread::sleep_for(milliseconds(50));
  }
  const Account a = sign_up("sam@example.org");
  auto person = get(person_path(a), &a);
  ASSERT_TRUE(person);
  EXPECT_EQ(person->status, 200) << person->body;
  done = true;
  trickle.join();

  ASSERT_GE(ms.size(), 20U);
  const double worst = *std::max_element(ms.begin(), ms.end());
  EXPECT_LT(worst, 100.0) << ms.size() << " requests with 200 idle and 64 slow connections open";
  std::cout << "[ figures  ] " << ms.size() << " GET health with 200 idle and 64 slow connections "
            << "open: slowest " << worst << " ms\n";
}

class ShortDeadlines : public SlowClients {
 protected:
  void configure(ServerLimits& limits) override {
    limits.header_timeout_s = 2;
    limits.read_timeout_s = 2;
    limits.idle_timeout_s = 1;
  }
};

TEST_F(ShortDeadlines, AHeaderSectionMustArriveWithinItsDeadlineHoweverSlowly) {
  RawSocket s = open();
  ASSERT_TRUE(s.send("GET /api/v1/health HTTP/1.1\r\n"));
  const auto start = Clock::now();
  // A line every 250 ms: each read is quick, the whole section is not.
  bool open_still = true;
  while (open_still && elapsed_ms(start) < 5000) {
    open_still = s.send("X-Slow: 1\r\n");
    if (open_still && s.closed_within(milliseconds(250))) open_still = false;
  }
  EXPECT_FALSE(open_still);
  EXPECT_GT(elapsed_ms(start), 1500);
  EXPECT_LT(elapsed_ms(start), 3500);
}

TEST_F(ShortDeadlines, ABodyMustArriveWithinItsDeadline) {
  RawSocket s = open();
  ASSERT_TRUE(s.send("POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n"));
  const auto start = Clock::now();
  bool open_still = true;
  while (open_still && elapsed_ms(start) < 5000) {
    open_still = s.send("{");
    if (open_still && s.closed_within(milliseconds(250))) open_still = false;
  }
  EXPECT_FALSE(open_still);
  EXPECT_LT(elapsed_ms(start), 3500);
}

TEST_F(ShortDeadlines, IdleConnectionsAreClosed) {
  RawSocket fresh = open();
  EXPECT_TRUE(fresh.closed_within(milliseconds(2500)));
  // And a kept-alive one once it has waited that long for its next request.
  RawSocket kept = open();
  auto answer = kept.exchange("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_TRUE(kept.closed_within(milliseconds(2500)));
}

TEST_F(SlowClients, AHeaderFloodIsCutOffWithMemoryFlat) {
  const std::size_t before = resident_mib();
  std::atomic<int> cut_off{0};
  std::vector<std::thread> flooders;
  // Header lines as fast as the socket takes them, and one endless line.
  for (int i = 0; i < 4; ++i) {
    flooders.emplace_back([&, i] {
      RawSocket s = open();
      const std::string line =
          i == 3 ? std::string(4096, 'a')
                 : "X-Flood-" + std::to_string(i) + ": " + std::string(100, 'b') + "\r\n";
      if (!s.send("GET / HTTP/1.1\r\nHost: x\r\n")) return;
      const auto start = Clock::now();
      while (elapsed_ms(start) < 10000) {
        if (!s.send(line)) {
          ++cut_off;
          return;
        }
      }
    });
  }
  for (auto& t : flooders) t.join();
  const std::size_t after = resident_mib();
  EXPECT_EQ(cut_off.load(), 4) << "every flooding connection is closed";
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer's shadow memory puts the test process above 100 MiB before any flood, and
  // its quarantine keeps freed buffers: there the bound is on what the flood added.
  EXPECT_LT(after - std::min(after, before), 64U)
      << "resident memory before the flood " << before << " MiB";
#else
  EXPECT_LT(after, 100U) << "resident memory before the flood " << before << " MiB";
#endif
  std::cout << "[ figures  ] header flood on 4 connections: resident memory " << before << " -> "
            << after << " MiB\n";
  EXPECT_LT(timed_health(), 100.0);
}

TEST_F(SlowClients, TooManyOrTooLargeHeaderFieldsAre431) {
  std::string many = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 150; ++i) many += "X-F" + std::to_string(i) + ": 1\r\n";
  auto answer = raw(many + "\r\n");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 431);
  auto large = raw("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') +
                   "\r\n\r\n");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 431);
  EXPECT_NE(large->body.find("\"status\":431"), std::string::npos) << large->body;
}

class FewConnectionsPerAddress : public SlowClients {
 protected:
  void configure(ServerLimits& limits) override { limits.max_connections_per_address = 8; }
};

TEST_F(FewConnectionsPerAddress, ConnectionsBeyondTheLimitAreClosedAtOnce) {
  // The fixture's client may still be open from SetUp: let it go first.
  std::this_thread::sleep_for(milliseconds(100));
  std::vector<RawSocket> held;
  for (int i = 0; i < 8; ++i) held.push_back(open());
  std::this_thread::sleep_for(milliseconds(100));
  RawSocket ninth = open();
  EXPECT_TRUE(ninth.closed_within(milliseconds(1000)));
  held.clear();
  std::this_thread::sleep_for(milliseconds(200));
  RawSocket again = open();
  auto answer = again.exchange("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
}

TEST_F(SlowClients, ContentLengthMustBeOnePlainNumber) {
  const std::string start =
      "POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\n";
  for (const std::string& framing :
       {std::string("Content-Length: 2\r\nContent-Length: 3\r\n"),
        std::string("Content-Length: +2\r\n"), std::string("Content-Length: 2, 3\r\n"),
        std::string("Content-Length: 0x2\r\n"),
        std::string("Content-Length: 2\r\nTransfer-Encoding: chunked\r\n"),
        std::string("Transfer-Encoding: gzip\r\n")}) {
    RawSocket s = open();
    auto answer = s.exchange(start + framing + "\r\n{}");
    ASSERT_TRUE(answer) << framing;
    EXPECT_EQ(answer->status, 400) << framing << answer->body;
    EXPECT_TRUE(s.closed_within(milliseconds(1000))) << framing;
  }
}

TEST_F(SlowClients, NulInAPathIsRefused) {
  for (const std::string& path :
       {std::string("/index.html%00.png"), std::string("/api/v1/health%00"),
        std::string("/api/v1/health?x=%00"), std::string("/index.html\0.png", 16)}) {
    auto answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(answer) << path;
    EXPECT_EQ(answer->status, 400) << path;
    EXPECT_EQ(answer->body.find("<title>"), std::string::npos) << path;
  }
  // A malformed escape is no path either; a good one still names the file.
  EXPECT_EQ(raw("GET /index%2.html HTTP/1.1\r\nHost: x\r\n\r\n").value().status, 400);
  EXPECT_EQ(raw("GET /index%2Ehtml HTTP/1.1\r\nHost: x\r\n\r\n").value().status, 200);
}

TEST_F(SlowClients, NulInABodyIsRefused) {
  const std::string body = std::string(R"({"email":"sam@example.org","password":"x"})") +
                           std::string(1, '\0') + "trailing";
  auto answer =
      raw("POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Type: "
          "application/json\r\nContent-Length: " +
          std::to_string(body.size()) + "\r\n\r\n" + body);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 400);
  EXPECT_NE(answer->body.find("NUL"), std::string::npos) << answer->body;
}

TEST_F(SlowClients, PipelinedRequestsAreAnsweredInOrder) {
  RawSocket s = open();
  ASSERT_TRUE(
      s.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"
             "GET /api/v1/no-such-route HTTP/1.1\r\nHost: x\r\n\r\n"
             "POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Type: "
             "application/json\r\nContent-Length: 2\r\n\r\n{}"
             "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto first = s.read_answer();
  auto second = s.read_answer();
  auto third = s.read_answer();
  auto fourth = s.read_answer();
  ASSERT_TRUE(first && second && third && fourth);
  EXPECT_EQ(first->status, 200);
  EXPECT_NE(first->body.find("\"status\""), std::string::npos) << first->body;
  EXPECT_EQ(second->status, 404);
  // No email: the sign-in route refused the body it was given.
  EXPECT_TRUE(third->status == 400 || third->status == 422) << third->status;
  EXPECT_EQ(fourth->status, 200);
  EXPECT_NE(fourth->body.find("<title>taperlab</title>"), std::string::npos);
}

TEST_F(SlowClients, ExpectContinueGetsAnInterimAnswer) {
  RawSocket s = open();
  auto interim = s.exchange(
      "POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Type: "
      "application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  auto answer = s.exchange("{}");
  ASSERT_TRUE(answer);
  EXPECT_TRUE(answer->status == 400 || answer->status == 422) << answer->status;
}

TEST_F(SlowClients, HeadAnswersTheLengthWithoutTheBody) {
  RawSocket s = open();
  s.expect_head_answers(true);
  auto answer = s.exchange("HEAD /index.html HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_TRUE(answer->has_header("Content-Length: 39")) << answer->head;
  s.expect_head_answers(false);
  // The connection is still in step: the next answer is the health check's.
  auto next = s.exchange("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(SlowClients, LargeAnswersAreGzippedForClientsThatTakeIt) {
  // The OpenAPI document: large JSON.
  auto plain = raw("GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(plain);
  if (plain->status != 200) GTEST_SKIP() << "no /api/v1/openapi.json route";
  EXPECT_FALSE(plain->has_header("Content-Encoding: gzip"));
  auto packed =
      raw("GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\n\r\n");
  ASSERT_TRUE(packed);
  EXPECT_EQ(packed->status, 200);
  EXPECT_TRUE(packed->has_header("Content-Encoding: gzip")) << packed->head;
  EXPECT_LT(packed->body.size(), plain->body.size() / 3);
  // httplib's client unpacks it.
  auto res = get("/api/v1/openapi.json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, plain->body);
}

class FewRequestsPerConnection : public SlowClients {
 protected:
  void configure(ServerLimits& limits) override { limits.keep_alive_requests = 3; }
};

TEST_F(FewRequestsPerConnection, TheLastRequestOfAConnectionSaysClose) {
  RawSocket s = open();
  for (int i = 1; i <= 3; ++i) {
    auto answer = s.exchange("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(answer) << i;
    EXPECT_EQ(answer->has_header("Connection: close"), i == 3) << i << answer->head;
  }
  EXPECT_TRUE(s.closed_within(milliseconds(1000)));
}

}  // namespace
}  // namespace taperlab::server::testing::slow_clients
