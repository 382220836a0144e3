#pragma once

#include <string>

namespace taperlab::server {

// The text of src/server/openapi.json, embedded at configure time.
const std::string& openapi_document();

}  // namespace taperlab::server
