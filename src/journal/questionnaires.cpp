#include "journal/questionnaires.hpp"

#include "core/base/error.hpp"
#include "journal/check_ins.hpp"

namespace taperlab::journal {

QuestionnaireResult record_questionnaire(const JournalContext& ctx, const Person& person,
                                         const std::string& instrument_name,
                                         const std::vector<int>& answers, CivilDate date) {
  require_not_future(ctx, date, "date");
  QuestionnaireResult result;
  result.instrument = &ctx.instruments.find(instrument_name, "instrument");
  const Instrument& instrument = *result.instrument;
  if (instrument.kind == InstrumentKind::kChecklist || instrument.kind == InstrumentKind::kDiary) {
    throw ValidationError("instrument", instrument.name +
                                            " is part of the daily check-in: use `taperlab "
                                            "checkin`");
  }
  require_scored(instrument);
  result.score = score(instrument, answers, "answers");

  QuestionnaireResponse& r = result.stored;
  r.person_id = person.id;
  r.date = date;
  r.instrument_id = instrument.id;
  r.answers = answers;
  r.total = result.score.total;
  r.band = result.score.band;
  r.crisis_shown = needs_crisis_message(instrument, answers);
  r.recorded_at = ctx.now_utc;
  r.id = ctx.repo.add_questionnaire_response(r);
  result.review = review_plan(ctx, person, date);
  if (r.crisis_shown) result.crisis_message = crisis_message_for(ctx, person);
  return result;
}

}  // namespace taperlab::journal
