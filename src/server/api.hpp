#pragma once

// What a route sees of HTTP, without cpp-httplib: its header stays in http_server.cpp (it defines
// `_res`, which breaks Eigen, and its flags must match the library's build).

#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/journal/account_records.hpp"
#include "core/journal/records.hpp"
#include "server/server_context.hpp"
#include "store/repository.hpp"

namespace taperlab::server {

struct ApiRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::vector<std::string> captures;           // the route's {parameters}, in order
  std::string body;
  // The client's address: the TCP peer's, which dispatch() replaces with the one a trusted proxy
  // forwarded (forwarded.hpp), so that rate limits count clients, not the proxy.
  std::string remote_addr;
  // The client spoke https: set by dispatch() when a trusted proxy says so (or by an HTTP layer
  // that ends TLS itself). Marks the session cookie Secure and adds Strict-Transport-Security.
  bool https = false;

  [[nodiscard]] std::string header(const std::string& lower_case_name) const;
  [[nodiscard]] std::optional<std::string> query_value(const std::string& name) const;
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;

  static ApiResponse json(int status, const nlohmann::json& doc);
  static ApiResponse no_content();
  static ApiResponse download(std::string body, std::string content_type, std::string filename);
};

// User::role of a clinician's account (a person's is "patient").
inline constexpr const char* kClinicianRole = "clinician";

// The signed-in user behind a request.
struct Caller {
  User user;
  Person person;
  std::string token_hash;
  std::string csrf_token;
};

// One request being handled: the parsed request, the shared parts, a repository of this thread's
// own and the caller (for routes that need a session).
class ApiCall {
 public:
  ApiCall(const ApiRequest& the_request, const ServerContext& the_server,
          store::Repository& the_repo, CivilDate the_today, std::string the_now_utc)
      : request(the_request),
        server(the_server),
        repo(the_repo),
        today(the_today),
        now_utc(std::move(the_now_utc)) {}

  const ApiRequest& request;
  const ServerContext& server;
  store::Repository& repo;
  // The server's date until a person is known; then the person's own (use_clock_of).
  CivilDate today;
  std::string now_utc;
  std::string now_local;  // RFC 3339 on the person's wall clock; empty before use_clock_of
  std::optional<Caller> caller;
  // The person a clinician's request is about (a linked person, read by dispatch()); person()
  // answers it in place of the caller's own.
  std::optional<Person> subject;
  // The people a clinician's read showed (the subject, or every row of the dashboard): dispatch()
  // stores a "view" audit entry under each before the answer goes out.
  std::vector<PersonId> clinician_viewed;
  std::vector<std::pair<std::string, std::string>> extra_headers;  // e.g. Set-Cookie

  // The request body as JSON (an object), with a depth limit (its size was checked against the
  // route's limit before the route ran). Throws BadRequest.
  [[nodiscard]] nlohmann::json body() const;
  // The person named by the route's first {person_id}: only the caller's own; any other id answers
  // 404 as if it did not exist, so ids cannot be probed.
  [[nodiscard]] const Person& person() const;
  // `date` from the query, else today; never in the future.
  [[nodiscard]] CivilDate date_param(const std::string& name = "date") const;
  [[nodiscard]] std::int64_t int_capture(std::size_t index, const std::string& field) const;
  // Dates this call by `person`'s own wall clock: today is the date in their time zone at now_utc
  // (TAPERLAB_TODAY still pins it, for tests and demonstrations).
  void use_clock_of(const Person& person);
  // The journal's context for use cases, dated today.
  [[nodiscard]] journal::JournalContext journal() const;
};

enum class Access {
  kPublic,   // no session needed
  kSession,  // a signed-in user; state-changing methods also need the CSRF token
};

// What a clinician account may do with a route (docs/api.md, clinicians). On a route under
// /api/v1/people/{person_id}, a clinician not linked to that person always gets 404, as anyone
// does for a person not their own; the rest decides what a linked clinician gets.
enum class ClinicianUse {
  kByMethod,  // a person's route: a linked clinician may GET it (audited as a view); other
              // methods, the person's own writes, answer 403
  kNever,     // the person's own only (their secrets, their links, their access log): 403
  kOnly,      // a clinician's route (the dashboard, reviews): a person's account gets 403
};

struct Route {
  std::string method;  // GET, POST, PUT, DELETE
  std::string path;    // OpenAPI template, e.g. /api/v1/people/{person_id}/today
  Access access = Access::kSession;
  std::function<ApiResponse(ApiCall&)> handle;
  bool stores_nothing = false;  // a POST that only computes (plan preview): nothing to sync
  // Bodies larger than this are refused with 413 before the route runs; 0 means the server's
  // limits.max_body_bytes. Only a route whose body is a whole document (an import) needs more.
  std::size_t max_body_bytes = 0;
  ClinicianUse clinician = ClinicianUse::kByMethod;
};

// The most bytes `route` accepts in a body.
std::size_t body_limit(const Route& route, const ServerLimits& limits);

// Every route of the API, in one list: the HTTP server binds them and a test compares them with
// the OpenAPI document.
std::vector<Route> api_routes();

}  // namespace taperlab::server
