#pragma once

// Problem documents (RFC 9457): every error the API answers has the same shape, with the fields
// a form can show next to its inputs. Messages never echo a person's values back into logs.

#include <exception>
#include <string>

#include "server/api.hpp"

namespace taperlab::server {

// The answer for the exception being handled (call inside a catch block).
ApiResponse problem_for(std::exception_ptr error);

ApiResponse problem(int status, const std::string& type, const std::string& title,
                    const std::string& detail);

}  // namespace taperlab::server
