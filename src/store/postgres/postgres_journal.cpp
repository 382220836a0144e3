// PostgresRepository: the daily journal (doses, check-ins) and the periodic measures
// (questionnaires, memory and attention sessions).

#include "core/journal/check_in_check.hpp"
#include "core/journal/records_json.hpp"
#include "store/postgres/postgres_impl.hpp"

namespace taperlab::store {

namespace pg = postgres;

namespace {

constexpr const char* kDoseColumns =
    "id, person_id, date, time, drug_id, dose_mg, status, planned_time, planned_dose_mg, note, "
    "recorded_at, confirmed_at";

DoseLogEntry dose_from(const pqxx::row& row) {
  const RecordId id = pg::int64_field(row[0]);
  return pg::decoded("dose", id, [&] {
    DoseLogEntry e;
    e.id = id;
    e.person_id = pg::int64_field(row[1]);
    e.date = pg::date_field(row[2]);
    e.time = pg::optional_time(row[3]);
    e.drug_id = pg::text_field(row[4]);
    e.dose_mg = pg::double_field(row[5]);
    e.status = parse_dose_status(pg::text_field(row[6]), "status");
    e.planned_time = pg::optional_time(row[7]);
    e.planned_dose_mg = pg::optional_double(row[8]);
    e.note = pg::text_field(row[9]);
    e.recorded_at = pg::text_field(row[10]);
    e.confirmed_at = pg::text_field(row[11]);
    return e;
  });
}

constexpr const char* kCheckInColumns =
    "id, person_id, date, symptoms, sleep_bedtime, sleep_minutes_to_fall_asleep, "
    "sleep_awakenings, sleep_wake_time, sleep_quality, exercise_minutes, exercise_kind, "
    "regular_meals, caffeine_drinks, alcohol_units, relaxation_minutes, therapy_session, "
    "social_contact, mood, red_flags, notes, recorded_at";

CheckIn check_in_from(const pqxx::row& row) {
  const RecordId id = pg::int64_field(row[0]);
  return pg::decoded("check-in", id, [&] {
    CheckIn c;
    c.id = id;
    c.person_id = pg::int64_field(row[1]);
    c.date = pg::date_field(row[2]);
    c.symptoms = parse_symptoms_text(std::string_view(row[3].c_str(), row[3].size()));
    c.sleep.bedtime = pg::optional_time(row[4]);
    c.sleep.minutes_to_fall_asleep = pg::optional_int(row[5]);
    c.sleep.awakenings = pg::optional_int(row[6]);
    c.sleep.wake_time = pg::optional_time(row[7]);
    c.sleep.quality = pg::optional_int(row[8]);
    c.habits.exercise_minutes = pg::optional_int(row[9]);
    c.habits.exercise_kind = pg::text_field(row[10]);
    c.habits.regular_meals = pg::optional_bool(row[11]);
    c.habits.caffeine_drinks = pg::optional_int(row[12]);
    c.habits.alcohol_units = pg::optional_double(row[13]);
    c.habits.relaxation_minutes = pg::optional_int(row[14]);
    c.habits.therapy_session = pg::optional_bool(row[15]);
    c.habits.social_contact = pg::optional_bool(row[16]);
    c.mood = pg::optional_int(row[17]);
    c.red_flags = parse_red_flags(pg::json_field(row[18]));
    c.notes = pg::text_field(row[19]);
    c.recorded_at = pg::text_field(row[20]);
    return c;
  });
}

// $1 person_id, $2 date and $3..$20 the contents, in kCheckInColumns order: the INSERT and the
// UPDATE of replace_check_in share the numbering.
std::vector<pg::Param> check_in_params(const CheckIn& c) {
  return {pg::param(c.person_id),
          pg::param(c.date),
          pg::json_text_of([&] { return symptoms_json_text(c.symptoms); }, "check_in.symptoms"),
          pg::param(c.sleep.bedtime),
          pg::param(c.sleep.minutes_to_fall_asleep),
          pg::param(c.sleep.awakenings),
          pg::param(c.sleep.wake_time),
          pg::param(c.sleep.quality),
          pg::param(c.habits.exercise_minutes),
          pg::param(c.habits.exercise_kind),
          pg::param(c.habits.regular_meals),
          pg::param(c.habits.caffeine_drinks),
          pg::param(c.habits.alcohol_units),
          pg::param(c.habits.relaxation_minutes),
          pg::param(c.habits.therapy_session),
          pg::param(c.habits.social_contact),
          pg::param(c.mood),
          pg::json_text_of([&] { return red_flags_json_text(c.red_flags); }, "check_in.red_flags"),
          pg::param(c.notes),
          pg::param(c.recorded_at)};
}

constexpr const char* kQuestionnaireColumns =
    "id, person_id, date, instrument_id, answers, total, band, crisis_shown, recorded_at";

QuestionnaireResponse questionnaire_from(const pqxx::row& row) {
  const RecordId id = pg::int64_field(row[0]);
  return pg::decoded("questionnaire response", id, [&] {
    QuestionnaireResponse q;
    q.id = id;
    q.person_id = pg::int64_field(row[1]);
    q.date = pg::date_field(row[2]);
    q.instrument_id = pg::text_field(row[3]);
    q.answers = pg::json_field(row[4]).get<std::vector<int>>();
    q.total = pg::int_field(row[5]);
    q.band = pg::text_field(row[6]);
    q.crisis_shown = pg::int_field(row[7]) != 0;
    q.recorded_at = pg::text_field(row[8]);
    return q;
  });
}

constexpr const char* kCognitiveColumns =
    "id, person_id, date, test_id, device, browser, result, recorded_at";

CognitiveSession cognitive_from(const pqxx::row& row) {
  const RecordId id = pg::int64_field(row[0]);
  return pg::decoded("cognitive session", id, [&] {
    CognitiveSession s;
    s.id = id;
    s.person_id = pg::int64_field(row[1]);
    s.date = pg::date_field(row[2]);
    s.test_id = pg::text_field(row[3]);
    s.device = pg::text_field(row[4]);
    s.browser = pg::text_field(row[5]);
    s.result = pg::json_field(row[6]);
    s.recorded_at = pg::text_field(row[7]);
    return s;
  });
}

}  // namespace

RecordId PostgresRepository::add_dose(const DoseLogEntry& entry) {
  parse_dose_log_entry(to_json(entry));
  return impl_->write("add a dose", [&] {
    // The row and its audit entry in one statement; a missing person fails the foreign key.
    return pg::int64_field(impl_->insert_audited(
        entry.person_id,
        "INSERT INTO dose_log (person_id, date, time, drug_id, dose_mg, status, "
        "planned_time, planned_dose_mg, note, recorded_at, confirmed_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        {pg::param(entry.person_id), pg::param(entry.date), pg::param(entry.time),
         pg::param(entry.drug_id), pg::param(entry.dose_mg),
         pg::param(std::string(to_string(entry.status))), pg::param(entry.planned_time),
         pg::param(entry.planned_dose_mg), pg::param(entry.note), pg::param(entry.recorded_at),
         pg::param(entry.confirmed_at)},
        "dose", entry.date.to_string())[0][0]);
  });
}

std::vector<DoseLogEntry> PostgresRepository::doses(PersonId person, CivilDate from, CivilDate to) {
  return impl_->read("list doses", [&] {
    // Missed doses have no time taken: they sort by the planned time they answer; NULLS FIRST as
    // SQLite sorts them.
    return pg::rows_of<DoseLogEntry>(
        impl_->run(pg::select_sql(kDoseColumns,
                                  "FROM dose_log WHERE person_id = $1 AND date BETWEEN $2 AND $3 "
                                  "ORDER BY date, coalesce(time, planned_time) NULLS FIRST, id"),
                   person, from, to),
        dose_from);
  });
}

RecordId PostgresRepository::add_check_in(const CheckIn& check_in) {
  require_valid(check_in);
  return impl_->write("add a check-in", [&] {
    // ON CONFLICT DO NOTHING: a second check-in for the day returns no row and audits nothing
    // (and, unlike a failed INSERT, leaves the caller's transaction usable). The row and its
    // audit entry in one statement; a missing person fails the foreign key.
    const pqxx::result r =
        impl_->insert_audited(check_in.person_id,
                              std::string("INSERT INTO check_ins (") +
                                  std::string(kCheckInColumns).substr(4) +  // all but "id, "
                                  ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                                  "$13, $14, $15, $16, $17, $18, $19, $20) "
                                  "ON CONFLICT (person_id, date) DO NOTHING RETURNING id",
                              check_in_params(check_in), "check_in", check_in.date.to_string());
    if (r.empty()) {
      throw Conflict("there is already a check-in for " + check_in.date.to_string() +
                     "; replace it instead");
    }
    return pg::int64_field(r[0][0]);
  });
}

RecordId PostgresRepository::replace_check_in(const CheckIn& check_in) {
  require_valid(check_in);
  return impl_->write("replace a check-in", [&] {
    impl_->require_person(check_in.person_id);
    // The row keeps its id: it is the same day's check-in, corrected.
    const pqxx::result r = impl_->run_params(
        "UPDATE check_ins SET symptoms = $3, sleep_bedtime = $4, sleep_minutes_to_fall_asleep = "
        "$5, sleep_awakenings = $6, sleep_wake_time = $7, sleep_quality = $8, exercise_minutes = "
        "$9, exercise_kind = $10, regular_meals = $11, caffeine_drinks = $12, alcohol_units = "
        "$13, relaxation_minutes = $14, therapy_session = $15, social_contact = $16, mood = $17, "
        "red_flags = $18, notes = $19, recorded_at = $20 "
        "WHERE person_id = $1 AND date = $2 RETURNING id",
        check_in_params(check_in));
    if (r.empty()) {
      throw NotFound("there is no check-in for " + check_in.date.to_string() + " to replace");
    }
    const RecordId id = pg::int64_field(r[0][0]);
    impl_->audit(check_in.person_id, "replace", "check_in", id, check_in.date.to_string());
    return id;
  });
}

std::optional<CheckIn> PostgresRepository::check_in_on(PersonId person, CivilDate date) {
  return impl_->read("read a check-in", [&]() -> std::optional<CheckIn> {
    const pqxx::result r = impl_->run(
        pg::select_sql(kCheckInColumns, "FROM check_ins WHERE person_id = $1 AND date = $2"),
        person, date);
    if (r.empty()) return std::nullopt;
    return check_in_from(r[0]);
  });
}

std::vector<CheckIn> PostgresRepository::check_ins(PersonId person, CivilDate from, CivilDate to) {
  return impl_->read("list check-ins", [&] {
    return pg::rows_of<CheckIn>(
        impl_->run(pg::select_sql(kCheckInColumns,
                                  "FROM check_ins WHERE person_id = $1 AND date BETWEEN $2 AND "
                                  "$3 ORDER BY date"),
                   person, from, to),
        check_in_from);
  });
}

RecordId PostgresRepository::add_questionnaire_response(const QuestionnaireResponse& response) {
  parse_questionnaire_response(to_json(response));
  return impl_->write("add a questionnaire response", [&] {
    impl_->require_person(response.person_id);
    const RecordId id = pg::int64_field(impl_->run_for(
        response.person_id,
        "INSERT INTO questionnaire_responses (person_id, date, instrument_id, answers, total, "
        "band, crisis_shown, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        response.person_id, response.date, response.instrument_id,
        pg::json_text(nlohmann::json(response.answers), "questionnaire_response.answers"),
        response.total, response.band, response.crisis_shown, response.recorded_at)[0][0]);
    impl_->audit(response.person_id, "create", "questionnaire_response", id,
                 response.date.to_string());
    return id;
  });
}

std::vector<QuestionnaireResponse> PostgresRepository::questionnaire_responses(
    PersonId person, const std::string& instrument_id) {
  return impl_->read("list questionnaire responses", [&] {
    return pg::rows_of<QuestionnaireResponse>(
        impl_->run(pg::select_sql(kQuestionnaireColumns,
                                  "FROM questionnaire_responses WHERE person_id = $1 AND "
                                  "($2 = '' OR instrument_id = $2) ORDER BY date, id"),
                   person, instrument_id),
        questionnaire_from);
  });
}

RecordId PostgresRepository::add_cognitive_session(const CognitiveSession& session) {
  parse_cognitive_session(to_json(session));
  return impl_->write("add a cognitive session", [&] {
    impl_->require_person(session.person_id);
    const RecordId id = pg::int64_field(impl_->run_for(
        session.person_id,
        "INSERT INTO cognitive_sessions (person_id, date, test_id, device, browser, result, "
        "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        session.person_id, session.date, session.test_id, session.device, session.browser,
        pg::json_text(session.result, "cognitive_session.result"), session.recorded_at)[0][0]);
    impl_->audit(session.person_id, "create", "cognitive_session", id, session.date.to_string());
    return id;
  });
}

std::vector<CognitiveSession> PostgresRepository::cognitive_sessions(PersonId person) {
  return impl_->read("list cognitive sessions", [&] {
    return pg::rows_of<CognitiveSession>(
        impl_->run(pg::select_sql(kCognitiveColumns,
                                  "FROM cognitive_sessions WHERE person_id = $1 ORDER BY date, id"),
                   person),
        cognitive_from);
  });
}

}  // namespace taperlab::store
