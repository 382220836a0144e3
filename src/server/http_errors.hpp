#pragma once

// Errors that only HTTP has: the edge turns them into problem documents like the core's errors.

#include <stdexcept>
#include <string>

namespace taperlab::server {

class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string type, std::string title, const std::string& detail)
      : std::runtime_error(detail),
        status_(status),
        type_(std::move(type)),
        title_(std::move(title)) {}
  [[nodiscard]] int status() const noexcept { return status_; }
  [[nodiscard]] const std::string& type() const noexcept { return type_; }
  [[nodiscard]] const std::string& title() const noexcept { return title_; }
  int retry_after_s = 0;  // 429: when to try again

 private:
  int status_;
  std::string type_;
  std::string title_;
};

HttpError bad_request(const std::string& detail);
HttpError unauthorized(const std::string& detail);
HttpError forbidden(const std::string& detail);
HttpError payload_too_large(const std::string& detail);
HttpError unsupported_media_type(const std::string& detail);
HttpError too_many_requests(const std::string& detail, int retry_after_s);

}  // namespace taperlab::server
