#include "server/http_connection.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <iterator>
#include <utility>

#include "server/http_target.hpp"
#include "server/log_path.hpp"

namespace taperlab::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// The first read of a request; larger headers and bodies are read on by the parser.
constexpr std::size_t kFirstRead = 16 << 10;
// Read-ahead beyond the header limit: the buffer's own limit, so a flood holds at most this much.
constexpr std::size_t kBodyChunk = 64 << 10;
// What a refused client may still send, read and dropped, before the connection is closed on it
// (linger): a client, or a proxy in front, sees the answer only if the server reads on while it
// is still writing the body; closing with unread bytes resets the connection, and a proxy then
// answers 502 instead of the 413. Twice the import's 32 MiB, within the read timeout: dropping
// bytes costs little, and the deadline bounds how long a connection is held.
constexpr std::size_t kMaxDrained = 64 << 20;

bool is_http_error(const beast::error_code& ec) {
  return &ec.category() == &http::make_error_code(http::error::bad_target).category();
}

// A header name or path as it may appear inside a JSON string of the access log.
std::string json_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::uint64_t ConnectionRegistry::add(std::weak_ptr<HttpConnection> connection) {
  std::lock_guard lock(mutex_);
  const std::uint64_t id = ++next_;
  open_.emplace(id, std::move(connection));
  return id;
}

void ConnectionRegistry::remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  open_.erase(id);
}

std::vector<std::shared_ptr<HttpConnection>> ConnectionRegistry::all() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<HttpConnection>> out;
  for (const auto& [id, weak] : open_) {
    if (auto connection = weak.lock()) out.push_back(std::move(connection));
  }
  return out;
}

HttpConnection::HttpConnection(net::ip::tcp::socket socket, ConnectionShared& shared,
                               ConnectionLimiter::Slot slot, std::string remote_addr)
    : stream_(std::move(socket)),
      shared_(shared),
      slot_(std::move(slot)),
      remote_addr_(std::move(remote_addr)),
      buffer_(shared.limits.max_header_bytes + kBodyChunk) {}

HttpConnection::~HttpConnection() {
  if (id_ != 0) shared_.registry.remove(id_);
}

void HttpConnection::start() {
  id_ = shared_.registry.add(weak_from_this());
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&HttpConnection::wait_for_request, shared_from_this()));
}

void HttpConnection::stop() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    // A request not yet whole is no request in flight; one being read, run or written is
    // answered first (on_write closes after it).
    if (self->state_ == State::kIdle || self->state_ == State::kHeader) self->close();
  });
}

// Waits for the first byte of the next request within the idle timeout; the header deadline
// counts from there.
void HttpConnection::wait_for_request() {
  state_ = State::kIdle;
  if (stopping_) return close();
  if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
  stream_.expires_after(std::chrono::seconds(shared_.limits.idle_timeout_s));
  stream_.async_read_some(
      buffer_.prepare(std::min(kFirstRead, buffer_.max_size())),
      beast::bind_front_handler(&HttpConnection::on_first_bytes, shared_from_this()));
}

void HttpConnection::on_first_bytes(beast::error_code ec, std::size_t bytes) {
  if (ec) return close();  // the idle timeout, the client's close, or stop()
  buffer_.commit(bytes);
  read_header();
}

void HttpConnection::read_header() {
  state_ = State::kHeader;
  request_ = ApiRequest{};
  match_ = RequestHandler::Match{};
  head_ = false;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(shared_.limits.max_header_bytes));
  // The route, and with it the body's own limit, is known only once the header is read.
  parser_->body_limit(shared_.handler.largest_body_limit());
  // One deadline for the whole header section, however slowly its bytes come.
  stream_.expires_after(std::chrono::seconds(shared_.limits.header_timeout_s));
  http::async_read_header(
      stream_, buffer_, *parser_,
      beast::bind_front_handler(&HttpConnection::on_header, shared_from_this()));
}

void HttpConnection::on_header(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    return refuse(431, "header-too-large", "The request's header is too large",
                  "the header section is larger than " +
                      std::to_string(shared_.limits.max_header_bytes) + " bytes");
  }
  if (ec == http::error::body_limit) {
    return refuse(413, "payload-too-large", "The request is too large",
                  "the body is larger than the server accepts");
  }
  if (ec && is_http_error(ec) && ec != http::error::end_of_stream &&
      ec != http::error::partial_message) {
    return refuse(400, "bad-request", "The request is malformed", ec.message());
  }
  if (ec) return close();  // the deadline passed (the socket is closed), or the client left

  auto& req = parser_->get();
  started_ = std::chrono::steady_clock::now();
  request_.method = std::string(req.method_string());
  if (std::distance(req.begin(), req.end()) > shared_.limits.max_header_fields) {
    return refuse(
        431, "header-too-large", "The request's header is too large",
        "more than " + std::to_string(shared_.limits.max_header_fields) + " header fields");
  }
  if (req.method() == http::verb::unknown) {
    return refuse(400, "bad-request", "The request is malformed", "unsupported method");
  }
  // A body is framed by Content-Length or by the chunked coding, nothing else (RFC 9112 6.3).
  if (req.count(http::field::transfer_encoding) != 0 && !parser_->chunked()) {
    return refuse(400, "bad-request", "The request is malformed",
                  "a Transfer-Encoding other than chunked");
  }
  std::string why;
  auto target = parse_request_target(req.target(), why);
  if (!target) return refuse(400, "bad-request", "The request is malformed", why);
  request_.path = std::move(target->path);
  request_.query = std::move(target->query);
  for (const auto& field : req) {
    std::string name(field.name_string());
    // Header names are ASCII (RFC 9110): no locale, no call per character.
    for (auto& c : name) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    request_.headers.emplace(std::move(name), std::string(field.value()));  // first value wins
  }
  request_.remote_addr = remote_addr_;
  head_ = req.method() == http::verb::head;

  match_ = shared_.handler.match(request_.method, request_.path);
  request_.captures = std::move(match_.captures);
  const std::size_t limit = shared_.handler.body_limit(match_);
  if (const auto length = parser_->content_length(); length && *length > limit) {
    // Refused before the body is read: the connection is closed after the answer.
    return refuse(413, "payload-too-large", "The request is too large",
                  "the body is larger than " + std::to_string(limit) + " bytes");
  }
  parser_->body_limit(limit);
  if (parser_->is_done()) return handle();

  if (beast::iequals(req[http::field::expect], "100-continue")) {
    state_ = State::kWriting;
    interim_.emplace(http::status::continue_, req.version());
    stream_.expires_after(std::chrono::seconds(shared_.limits.write_timeout_s));
    http::async_write(stream_, *interim_,
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        self->interim_.reset();
                        if (error) return self->close();
                        self->read_body();
                      });
    return;
  }
  read_body();
}

void HttpConnection::read_body() {
  state_ = State::kBody;
  // One deadline for the whole body.
  stream_.expires_after(std::chrono::seconds(shared_.limits.read_timeout_s));
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&HttpConnection::on_body, shared_from_this()));
}

void HttpConnection::on_body(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec == http::error::body_limit) {
    return refuse(
        413, "payload-too-large", "The request is too large",
        "the body is larger than " + std::to_string(shared_.handler.body_limit(match_)) + " bytes");
  }
  if (ec && is_http_error(ec) && ec != http::error::end_of_stream &&
      ec != http::error::partial_message) {
    return refuse(400, "bad-request", "The request is malformed", ec.message());
  }
  if (ec) return close();
  request_.body = std::move(parser_->get().body());
  // No body the API takes (JSON) holds a raw NUL; a reader that stops at one would see another
  // document than the one checked.
  if (request_.body.find('\0') != std::string::npos) {
    return write(RequestHandler::refusal(400, "bad-request", "The request is malformed",
                                         "the body holds a NUL byte"),
                 parser_->keep_alive() && !stopping_);
  }
  handle();
}

// The route runs on a worker thread; the connection waits for its answer without holding one.
void HttpConnection::handle() {
  state_ = State::kHandling;
  stream_.expires_never();
  net::post(shared_.workers, [self = shared_from_this(), guard = net::make_work_guard(shared_.io)] {
    HttpAnswer answer = self->shared_.handler.answer(self->request_, self->match_);
    net::post(self->stream_.get_executor(),
              [self, answer = std::move(answer)]() mutable { self->on_answer(std::move(answer)); });
  });
}

void HttpConnection::on_answer(HttpAnswer answer) {
  if (state_ == State::kClosed) return;
  write(std::move(answer), parser_->keep_alive() && !stopping_);
}

void HttpConnection::refuse(int status, const std::string& type, const std::string& title,
                            const std::string& detail) {
  if (!started_.time_since_epoch().count()) started_ = std::chrono::steady_clock::now();
  unread_ = true;
  write(RequestHandler::refusal(status, type, title, detail), false);
}

void HttpConnection::write(HttpAnswer answer, bool keep_alive) {
  state_ = State::kWriting;
  ++answered_;
  if (answered_ >= shared_.limits.keep_alive_requests) keep_alive = false;
  const unsigned version = parser_ && parser_->is_header_done() ? parser_->get().version() : 11;
  response_.emplace(static_cast<http::status>(answer.status), version);
  for (auto& [name, value] : answer.headers) response_->insert(name, value);
  response_->keep_alive(keep_alive);
  if (head_) {
    // The length the GET would have had, and no body.
    response_->content_length(answer.body.size());
  } else {
    response_->body() = std::move(answer.body);
    response_->prepare_payload();
  }
  stream_.expires_after(std::chrono::seconds(shared_.limits.write_timeout_s));
  http::async_write(
      stream_, *response_,
      beast::bind_front_handler(&HttpConnection::on_write, shared_from_this(), keep_alive));
}

void HttpConnection::on_write(bool keep_alive, beast::error_code ec, std::size_t /*bytes*/) {
  if (shared_.access_log && response_) {
    log(response_->result_int(), head_ ? 0 : response_->body().size());
  }
  response_.reset();
  started_ = {};
  if (!ec && unread_) return linger();
  if (ec || !keep_alive || stopping_) return close();
  parser_.reset();
  wait_for_request();
}

// One JSON line per request: never bodies, query strings, cookies or headers, which can hold
// health data or secrets. A calendar feed's path is its secret (routes/calendar_routes.cpp), so it
// is logged without the token.
void HttpConnection::log(int status, std::size_t bytes) const {
  const auto ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
          .count();
  spdlog::info(R"({{"method":"{}","path":"{}","status":{},"ms":{:.2f},"bytes":{}}})",
               json_escaped(request_.method), json_escaped(loggable_path(request_.path)), status,
               ms, bytes);
}

void HttpConnection::linger() {
  state_ = State::kClosing;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.expires_after(std::chrono::seconds(shared_.limits.read_timeout_s));
  buffer_.consume(buffer_.size());
  stream_.async_read_some(buffer_.prepare(std::min(kFirstRead, buffer_.max_size())),
                          beast::bind_front_handler(&HttpConnection::drain, shared_from_this()));
}

void HttpConnection::drain(beast::error_code ec, std::size_t bytes) {
  drained_ += bytes;
  if (ec || drained_ > kMaxDrained) return close();
  stream_.async_read_some(buffer_.prepare(std::min(kFirstRead, buffer_.max_size())),
                          beast::bind_front_handler(&HttpConnection::drain, shared_from_this()));
}

void HttpConnection::close() {
  if (state_ == State::kClosed) return;
  state_ = State::kClosed;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.close();
}

}  // namespace taperlab::server
