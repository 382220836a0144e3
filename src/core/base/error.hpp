#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace taperlab {

// Every error taperlab raises on purpose derives from Error and carries a code, so the edges
// (CLI, server) can map kinds to exit statuses or HTTP statuses without parsing messages.
enum class ErrorCode {
  kValidation,  // the caller's input is wrong: fix the named field
  kDataFile,    // a shipped data file is malformed: a packaging bug, not the user's fault
  kNotFound,
  kConflict,
  kStorage,
  kInternal,
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

struct FieldError {
  std::string field;
  std::string message;
};

// Bad input: one or more (field, message) pairs. what() joins them into one readable line.
class ValidationError : public Error {
 public:
  explicit ValidationError(std::vector<FieldError> errors);
  ValidationError(std::string field, std::string message);
  [[nodiscard]] const std::vector<FieldError>& errors() const noexcept { return errors_; }

 private:
  std::vector<FieldError> errors_;
};

// A data file under data/ does not match its schema. The message names file, drug and field.
class DataFileError : public Error {
 public:
  DataFileError(const std::string& file, const std::string& item, const std::string& field,
                const std::string& message);
};

class NotFound : public Error {
 public:
  explicit NotFound(const std::string& message) : Error(ErrorCode::kNotFound, message) {}
};

// The request is well-formed but clashes with what is stored (e.g. a second check-in for a day).
class Conflict : public Error {
 public:
  explicit Conflict(const std::string& message) : Error(ErrorCode::kConflict, message) {}
};

// The store failed (disk full, locked for too long, corrupt file). Adapters convert their driver's
// exceptions into this so that no driver type leaks past src/store.
class StorageError : public Error {
 public:
  explicit StorageError(const std::string& message) : Error(ErrorCode::kStorage, message) {}
};

}  // namespace taperlab
