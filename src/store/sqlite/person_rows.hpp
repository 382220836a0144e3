#pragma once

// Reading a person from a row, shared by the repository's people and its sign-in lookup (which
// reads the session, the user and the person in one query).

#include <SQLiteCpp/Statement.h>

#include "core/journal/records.hpp"

namespace taperlab::store::sqlite {

inline constexpr const char* kPersonColumns = "id, name, profile, created_on, time_zone";

// The person in columns first .. first + 4, in kPersonColumns' order.
Person person_from(SQLite::Statement& row, int first = 0);

}  // namespace taperlab::store::sqlite
