#include "server/problem.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/base/error.hpp"
#include "server/http_errors.hpp"

namespace taperlab::server {
namespace {

constexpr const char* kTypeBase = "https://taperlab.org/problems/";

nlohmann::json document(int status, const std::string& type, const std::string& title,
                        const std::string& detail) {
  return {{"type", kTypeBase + type},
          {"title", title},
          {"status", status},
          {"detail", detail},
          {"errors", nlohmann::json::array()}};
}

}  // namespace

HttpError bad_request(const std::string& detail) {
  return {400, "bad-request", "The request is malformed", detail};
}
HttpError unauthorized(const std::string& detail) {
  return {401, "unauthorized", "Please sign in", detail};
}
HttpError forbidden(const std::string& detail) { return {403, "forbidden", "Forbidden", detail}; }
HttpError payload_too_large(const std::string& detail) {
  return {413, "payload-too-large", "The request is too large", detail};
}
HttpError unsupported_media_type(const std::string& detail) {
  return {415, "unsupported-media-type", "Send JSON", detail};
}
HttpError too_many_requests(const std::string& detail, int retry_after_s) {
  HttpError e{429, "too-many-requests", "Too many attempts", detail};
  e.retry_after_s = retry_after_s;
  return e;
}

ApiResponse problem(int status, const std::string& type, const std::string& title,
                    const std::string& detail) {
  ApiResponse r = ApiResponse::json(status, document(status, type, title, detail));
  r.content_type = "application/problem+json";
  return r;
}

ApiResponse problem_for(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const HttpError& e) {
    ApiResponse r = problem(e.status(), e.type(), e.title(), e.what());
    if (e.retry_after_s > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after_s));
    return r;
  } catch (const ValidationError& e) {
    nlohmann::json doc = document(422, "validation", "Invalid input", e.what());
    for (const auto& fe : e.errors()) {
      doc["errors"].push_back({{"field", fe.field}, {"message", fe.message}});
    }
    ApiResponse r = ApiResponse::json(422, doc);
    r.content_type = "application/problem+json";
    return r;
  } catch (const NotFound& e) {
    return problem(404, "not-found", "Not found", e.what());
  } catch (const Conflict& e) {
    return problem(409, "conflict", "Conflict", e.what());
  } catch (const StorageError& e) {
    // The adapter's message names no values; still keep it out of the answer.
    spdlog::error("storage error: {}", e.what());
    return problem(500, "storage", "The journal could not be read or written",
                   "Please try again in a moment.");
  } catch (const std::exception& e) {
    spdlog::error("unexpected error: {}", e.what());
    return problem(500, "internal", "Something went wrong", "Please try again in a moment.");
  } catch (...) {
    spdlog::error("unexpected error of unknown type");
    return problem(500, "internal", "Something went wrong", "Please try again in a moment.");
  }
}

}  // namespace taperlab::server
