#include "store/sqlite/person_rows.hpp"

#include "core/journal/records_json.hpp"
#include "store/sqlite/columns.hpp"
#include "store/sqlite/parsed_texts.hpp"
#include "store/sqlite/sqlite_errors.hpp"

namespace taperlab::store::sqlite {

Person person_from(SQLite::Statement& row, int first) {
  const PersonId id = row.getColumn(first).getInt64();
  return decoded("person", id, [&] {
    Person p;
    p.id = id;
    p.name = row.getColumn(first + 1).getString();
    static ParsedTexts<Profile> profiles(1024);
    p.profile = profiles.get(row.getColumn(first + 2), [](const std::string& text) {
      return parse_profile(nlohmann::json::parse(text));
    });
    p.created_on = date_column(row.getColumn(first + 3));
    p.time_zone = row.getColumn(first + 4).getString();
    return p;
  });
}

}  // namespace taperlab::store::sqlite
