#include "journal/journal_context.hpp"

#include "core/error.hpp"

namespace taperlab::journal {

void require_not_future(const JournalContext& ctx, CivilDate date, const std::string& field) {
  if (date > ctx.today) {
    throw ValidationError(
        field, date.to_string() + " is in the future (today is " + ctx.today.to_string() + ")");
  }
}

}  // namespace taperlab::journal
