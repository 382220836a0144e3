#include "journal/check_ins.hpp"

#include <algorithm>

#include "core/base/error.hpp"
#include "core/instruments/crisis_message.hpp"

namespace taperlab::journal {

std::string crisis_message_for(const JournalContext& ctx, const Person& person) {
  return crisis_message(ctx.crisis, person.profile.country);
}

CheckInResult record_check_in(const JournalContext& ctx, const Person& person, CheckIn check_in,
                              bool replace) {
  require_not_future(ctx, check_in.date, "date");
  const Instrument& checklist = ctx.instruments.find("symptom-checklist");
  validate_symptom_items(check_in.symptoms, checklist, "symptoms");
  // Items not answered stay absent: missing is not zero (symptom_answers.hpp).
  check_in.person_id = person.id;
  check_in.recorded_at = ctx.now_utc;

  CheckInResult result;
  // Looking for the day's check-in and storing this one in one transaction: two at once cannot
  // both be added. The review runs after it, outside the write lock: it only reads, unless it
  // records a decision (its own transaction); should that fail, the next review decides again.
  ctx.repo.transaction([&] {
    const bool exists = ctx.repo.check_in_on(person.id, check_in.date).has_value();
    if (exists && !replace) {
      throw Conflict("a check-in for " + check_in.date.to_string() +
                     " is already stored; set \"replace\" to change it");
    }
    check_in.id = exists ? ctx.repo.replace_check_in(check_in) : ctx.repo.add_check_in(check_in);
    result.replaced = exists;
  });
  result.review = review_plan(ctx, person, check_in.date);
  result.stored = check_in;
  result.score = symptom_score(check_in, checklist);
  if (std::find(check_in.red_flags.begin(), check_in.red_flags.end(), RedFlag::kSelfHarmThoughts) !=
      check_in.red_flags.end()) {
    result.crisis_message = crisis_message_for(ctx, person);
  }
  return result;
}

}  // namespace taperlab::journal
