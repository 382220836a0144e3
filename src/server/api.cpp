#include "server/api.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "io/clock.hpp"
#include "io/time_zone.hpp"
#include "server/http_errors.hpp"

namespace taperlab::server {
namespace {

// Parses JSON while counting nesting, so a body of a million '[' is refused before it costs a
// million stack frames.
nlohmann::json parse_limited(const std::string& text, int max_depth) {
  int depth = 0;
  bool too_deep = false;
  auto result = nlohmann::json::parse(
      text,
      [&](int d, nlohmann::json::parse_event_t event, nlohmann::json&) {
        if (event == nlohmann::json::parse_event_t::object_start ||
            event == nlohmann::json::parse_event_t::array_start) {
          depth = d + 1;
          if (depth > max_depth) too_deep = true;
        }
        return !too_deep;
      },
      false);
  if (too_deep)
    throw bad_request("the JSON is nested more than " + std::to_string(max_depth) + " levels deep");
  if (result.is_discarded()) throw bad_request("the body is not valid JSON");
  return result;
}

// Whether a Content-Type names JSON: application/json, in any case, with no parameter but
// charset=utf-8 (RFC 8259: JSON between systems is UTF-8).
bool names_json(const std::string& content_type) {
  auto lower_trimmed = [](std::string text) {
    text.erase(0, text.find_first_not_of(" \t"));
    text.erase(text.find_last_not_of(" \t") + 1);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
  };
  std::size_t start = content_type.find(';');
  if (lower_trimmed(content_type.substr(0, start)) != "application/json") return false;
  while (start != std::string::npos) {
    const std::size_t next = content_type.find(';', start + 1);
    const std::string parameter = lower_trimmed(content_type.substr(start + 1, next - start - 1));
    if (parameter != "charset=utf-8" && parameter != "charset=\"utf-8\"") return false;
    start = next;
  }
  return true;
}

}  // namespace

std::string ApiRequest::header(const std::string& lower_case_name) const {
  auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> ApiRequest::query_value(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

ApiResponse ApiResponse::json(int status, const nlohmann::json& doc) {
  ApiResponse r;
  r.status = status;
  r.body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

ApiResponse ApiResponse::no_content() {
  ApiResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

ApiResponse ApiResponse::download(std::string body, std::string content_type,
                                  std::string filename) {
  ApiResponse r;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

nlohmann::json ApiCall::body() const {
  if (request.body.empty()) return nlohmann::json::object();
  // Only JSON is read as JSON. A browser sends text/plain and form bodies across sites without
  // asking first (no CORS preflight), so without this check a page elsewhere could sign a visitor
  // in to an account of its choosing (login CSRF); application/json needs the preflight, which
  // this server never grants.
  if (!names_json(request.header("content-type"))) {
    throw unsupported_media_type("send the body as JSON, with Content-Type: application/json");
  }
  nlohmann::json doc = parse_limited(request.body, server.limits.max_json_depth);
  if (!doc.is_object()) throw bad_request("the body must be a JSON object");
  return doc;
}

std::size_t body_limit(const Route& route, const ServerLimits& limits) {
  return route.max_body_bytes != 0 ? route.max_body_bytes : limits.max_body_bytes;
}

const Person& ApiCall::person() const {
  if (!caller) throw unauthorized("sign in first");
  const std::int64_t id = int_capture(0, "person_id");
  if (subject) {
    if (id != subject->id) throw NotFound("no such person");
    return *subject;
  }
  // A clinician's own person row holds their name only: it has no journal to show.
  if (id != caller->person.id || caller->user.role == kClinicianRole) {
    throw NotFound("no such person");
  }
  return caller->person;
}

std::int64_t ApiCall::int_capture(std::size_t index, const std::string& field) const {
  if (index >= request.captures.size()) throw NotFound("no such " + field);
  const std::string& text = request.captures[index];
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) throw NotFound("no such " + field);
  return value;
}

CivilDate ApiCall::date_param(const std::string& name) const {
  auto text = request.query_value(name);
  if (!text || text->empty()) return today;
  const CivilDate date = parse_civil_date(*text, name);
  if (today < date) throw ValidationError(name, "is in the future");
  return date;
}

void ApiCall::use_clock_of(const Person& person) {
  const io::LocalDateTime now =
      io::to_local(now_utc, io::effective_time_zone(person.time_zone), "time_zone");
  now_local = now.rfc3339();
  today = io::pinned_today().value_or(now.date);
}

journal::JournalContext ApiCall::journal() const {
  return journal::JournalContext{server.catalog, server.instruments, server.crisis, repo, today,
                                 now_utc,        now_local};
}

}  // namespace taperlab::server
