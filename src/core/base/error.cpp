#include "core/base/error.hpp"

namespace taperlab {
namespace {

std::string join_field_errors(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!out.empty()) out += "; ";
    out += e.field + ": " + e.message;
  }
  return out;
}

}  // namespace

ValidationError::ValidationError(std::vector<FieldError> errors)
    : Error(ErrorCode::kValidation, join_field_errors(errors)), errors_(std::move(errors)) {}

ValidationError::ValidationError(std::string field, std::string message)
    : ValidationError(std::vector<FieldError>{{std::move(field), std::move(message)}}) {}

DataFileError::DataFileError(const std::string& file, const std::string& item,
                             const std::string& field, const std::string& message)
    : Error(ErrorCode::kDataFile, file + (item.empty() ? "" : ": " + item) +
                                      (field.empty() ? "" : ": field '" + field + "'") + ": " +
                                      message) {}

}  // namespace taperlab
