#include "journal/journal_context.hpp"

#include "core/base/error.hpp"

namespace taperlab::journal {

void require_not_future(const JournalContext& ctx, CivilDate date, const std::string& field) {
  if (date > ctx.today) {
    throw ValidationError(
        field, date.to_string() + " is in the future (today is " + ctx.today.to_string() + ")");
  }
}

std::optional<TimeOfDay> local_time_on(const JournalContext& ctx, CivilDate date) {
  // "YYYY-MM-DDTHH:MM...": the date, then the wall-clock time.
  constexpr std::size_t kDateLength = 10;
  constexpr std::size_t kTimeAt = 11;
  constexpr std::size_t kTimeLength = 5;
  if (ctx.now_local.size() < kTimeAt + kTimeLength) return std::nullopt;
  const std::string_view text(ctx.now_local);
  if (parse_civil_date(text.substr(0, kDateLength), "now") != date) return std::nullopt;
  return parse_time_of_day(text.substr(kTimeAt, kTimeLength), "now");
}

}  // namespace taperlab::journal
