#include "server/dispatch.hpp"

#include <optional>

#include "auth/tokens.hpp"
#include "core/base/error.hpp"
#include "server/forwarded.hpp"
#include "server/http_errors.hpp"
#include "server/problem.hpp"
#include "server/session_cookie.hpp"

namespace taperlab::server {
namespace {

bool changes_state(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// The client behind a trusted proxy: its address (for the rate limits) and whether it used https.
void settle_origin(ApiRequest& request, const ServerContext& server) {
  if (server.limits.trusted_proxies.empty()) return;
  const std::string forwarded = request.header("forwarded");
  const std::string x_forwarded_for = request.header("x-forwarded-for");
  const std::string x_forwarded_proto = request.header("x-forwarded-proto");
  const ClientOrigin origin =
      client_origin(request.remote_addr, {forwarded, x_forwarded_for, x_forwarded_proto},
                    server.limits.trusted_proxies);
  request.remote_addr = origin.address;
  request.https = request.https || origin.https;
}

bool is_person_route(const Route& route) {
  return route.path.rfind("/api/v1/people/{person_id}", 0) == 0;
}

// A clinician's request on a person's route (docs/api.md, clinicians): unlinked, 404 as for any
// person not one's own; linked, what the route allows (ClinicianUse), with the person as the
// call's subject and the person's clock as the call's; a read is listed as a view to audit.
void authorize_clinician(const Route& route, ApiCall& call, bool reads_only) {
  const std::int64_t id = call.int_capture(0, "person_id");
  if (!call.repo.clinician_linked(call.caller->user.id, id)) throw NotFound("no such person");
  if (route.clinician == ClinicianUse::kNever ||
      (route.clinician == ClinicianUse::kByMethod && !reads_only)) {
    throw forbidden("a clinician may read this person's journal but not change it here");
  }
  auto person = call.repo.find_person(id);
  if (!person) throw NotFound("no such person");
  call.subject = std::move(*person);
  call.use_clock_of(*call.subject);
  if (reads_only) call.clinician_viewed.push_back(id);
}

ApiResponse answer(const Route& route, const ApiRequest& request, const ServerContext& server) {
  try {
    // cpp-httplib has one limit for every route (the largest); each route's own is checked here,
    // before a body is parsed or a session looked up, as the library would have.
    const std::size_t max_body = body_limit(route, server.limits);
    if (request.body.size() > max_body) {
      throw payload_too_large("the body is larger than " + std::to_string(max_body) + " bytes");
    }
    auto repo = server.repositories.acquire();
    ApiCall call(request, server, *repo, server.today(), server.now_utc());
    const bool reads_only = !changes_state(request.method);
    std::optional<ApiResponse> response;
    auto authorize = [&] {
      if (route.access != Access::kSession) return;
      call.caller = resolve_caller(call);
      if (!call.caller) throw unauthorized("sign in first");
      // "Today" is the person's, not the server's: 22:35 on Sunday in Los Angeles is Sunday.
      call.use_clock_of(call.caller->person);
      if (!reads_only &&
          !auth::tokens_equal(request.header("x-csrf-token"), call.caller->csrf_token)) {
        throw forbidden("the X-CSRF-Token header is missing or wrong; reload the page");
      }
      const bool clinician = call.caller->user.role == kClinicianRole;
      if (route.clinician == ClinicianUse::kOnly && !clinician) {
        throw forbidden("this is for clinician accounts only");
      }
      if (clinician && is_person_route(route)) {
        authorize_clinician(route, call, reads_only);
      }
    };
    if (reads_only) {
      // The session and what the page shows come from one snapshot, read in one transaction.
      repo->read_snapshot([&] {
        authorize();
        response = route.handle(call);
      });
      if (!call.clinician_viewed.empty()) {
        // What a clinician read is in the person's access log before it is sent: if the entry
        // cannot be stored, the answer is an error and nothing is shown.
        repo->record_clinician_accesses(call.clinician_viewed, call.caller->user.id, "view",
                                        request.method + " " + route.path);
        repo->sync_writes();
      }
    } else {
      repo->read_snapshot(authorize);
      response = route.handle(call);
      // Nothing is acknowledged before it is durable: the writes of requests that committed
      // meanwhile share one sync (store/sqlite/group_commit.hpp).
      if (!route.stores_nothing) repo->sync_writes();
    }
    for (auto& h : call.extra_headers) response->headers.push_back(std::move(h));
    return std::move(*response);
  } catch (...) {
    return problem_for(std::current_exception());
  }
}

}  // namespace

ApiResponse dispatch(const Route& route, ApiRequest&& request, const ServerContext& server) {
  settle_origin(request, server);
  ApiResponse response = answer(route, request, server);
  // Over https, browsers are told to use nothing else for this host (RFC 6797); errors too.
  if (request.https && server.limits.hsts_max_age_s > 0) {
    response.headers.emplace_back("Strict-Transport-Security",
                                  strict_transport_security(server.limits.hsts_max_age_s));
  }
  return response;
}

ApiResponse dispatch(const Route& route, const ApiRequest& request, const ServerContext& server) {
  if (server.limits.trusted_proxies.empty() && !request.https) {
    return answer(route, request, server);
  }
  return dispatch(route, ApiRequest(request), server);
}

}  // namespace taperlab::server
