// SqliteRepository: the daily journal (doses, check-ins) and the periodic measures
// (questionnaires, memory and attention sessions).

#include "core/base/error.hpp"
#include "core/journal/check_in_check.hpp"
#include "core/journal/records_json.hpp"
#include "store/sqlite/columns.hpp"
#include "store/sqlite/sqlite_repository_impl.hpp"

namespace taperlab::store {

using sqlite::bind_json;
using sqlite::bind_value;

namespace {

std::string select(const char* columns, const char* rest) {
  return std::string("SELECT ") + columns + " " + rest;
}

constexpr const char* kDoseColumns =
    "id, person_id, date, time, drug_id, dose_mg, status, planned_time, planned_dose_mg, note, "
    "recorded_at, confirmed_at";

DoseLogEntry dose_from(SQLite::Statement& row) {
  const RecordId id = row.getColumn(0).getInt64();
  return sqlite::decoded("dose", id, [&] {
    DoseLogEntry e;
    e.id = id;
    e.person_id = row.getColumn(1).getInt64();
    e.date = sqlite::date_column(row.getColumn(2));
    e.time = sqlite::optional_time(row.getColumn(3));
    e.drug_id = row.getColumn(4).getString();
    e.dose_mg = row.getColumn(5).getDouble();
    e.status = parse_dose_status(row.getColumn(6).getString(), "status");
    e.planned_time = sqlite::optional_time(row.getColumn(7));
    e.planned_dose_mg = sqlite::optional_double(row.getColumn(8));
    e.note = row.getColumn(9).getString();
    e.recorded_at = row.getColumn(10).getString();
    e.confirmed_at = row.getColumn(11).getString();
    return e;
  });
}

constexpr const char* kCheckInColumns =
    "id, person_id, date, symptoms, sleep_bedtime, sleep_minutes_to_fall_asleep, "
    "sleep_awakenings, sleep_wake_time, sleep_quality, exercise_minutes, exercise_kind, "
    "regular_meals, caffeine_drinks, alcohol_units, relaxation_minutes, therapy_session, "
    "social_contact, mood, red_flags, notes, recorded_at";

CheckIn check_in_from(SQLite::Statement& row) {
  const RecordId id = row.getColumn(0).getInt64();
  return sqlite::decoded("check-in", id, [&] {
    CheckIn c;
    c.id = id;
    c.person_id = row.getColumn(1).getInt64();
    c.date = sqlite::date_column(row.getColumn(2));
    const SQLite::Column symptoms = row.getColumn(3);
    c.symptoms =
        parse_symptoms_text(std::string_view(static_cast<const char*>(symptoms.getBlob()),
                                             static_cast<std::size_t>(symptoms.getBytes())));
    c.sleep.bedtime = sqlite::optional_time(row.getColumn(4));
    c.sleep.minutes_to_fall_asleep = sqlite::optional_int(row.getColumn(5));
    c.sleep.awakenings = sqlite::optional_int(row.getColumn(6));
    c.sleep.wake_time = sqlite::optional_time(row.getColumn(7));
    c.sleep.quality = sqlite::optional_int(row.getColumn(8));
    c.habits.exercise_minutes = sqlite::optional_int(row.getColumn(9));
    c.habits.exercise_kind = row.getColumn(10).getString();
    c.habits.regular_meals = sqlite::optional_bool(row.getColumn(11));
    c.habits.caffeine_drinks = sqlite::optional_int(row.getColumn(12));
    c.habits.alcohol_units = sqlite::optional_double(row.getColumn(13));
    c.habits.relaxation_minutes = sqlite::optional_int(row.getColumn(14));
    c.habits.therapy_session = sqlite::optional_bool(row.getColumn(15));
    c.habits.social_contact = sqlite::optional_bool(row.getColumn(16));
    c.mood = sqlite::optional_int(row.getColumn(17));
    c.red_flags = parse_red_flags(sqlite::json_column(row.getColumn(18)));
    c.notes = row.getColumn(19).getString();
    c.recorded_at = row.getColumn(20).getString();
    return c;
  });
}

// Binds ?1 person_id, ?2 date and ?3..?20 the contents, in kCheckInColumns order: the INSERT
// and the UPDATE of replace_check_in share the numbering.
void bind_check_in(SQLite::Statement& s, const CheckIn& c) {
  bind_value(s, 1, c.person_id);
  bind_value(s, 2, c.date);
  sqlite::bind_json_text(
      s, 3, [&] { return symptoms_json_text(c.symptoms); }, "check_in.symptoms");
  bind_value(s, 4, c.sleep.bedtime);
  bind_value(s, 5, c.sleep.minutes_to_fall_asleep);
  bind_value(s, 6, c.sleep.awakenings);
  bind_value(s, 7, c.sleep.wake_time);
  bind_value(s, 8, c.sleep.quality);
  bind_value(s, 9, c.habits.exercise_minutes);
  bind_value(s, 10, c.habits.exercise_kind);
  bind_value(s, 11, c.habits.regular_meals);
  bind_value(s, 12, c.habits.caffeine_drinks);
  bind_value(s, 13, c.habits.alcohol_units);
  bind_value(s, 14, c.habits.relaxation_minutes);
  bind_value(s, 15, c.habits.therapy_session);
  bind_value(s, 16, c.habits.social_contact);
  bind_value(s, 17, c.mood);
  sqlite::bind_json_text(
      s, 18, [&] { return red_flags_json_text(c.red_flags); }, "check_in.red_flags");
  bind_value(s, 19, c.notes);
  bind_value(s, 20, c.recorded_at);
}

constexpr const char* kQuestionnaireColumns =
    "id, person_id, date, instrument_id, answers, total, band, crisis_shown, recorded_at";

QuestionnaireResponse questionnaire_from(SQLite::Statement& row) {
  const RecordId id = row.getColumn(0).getInt64();
  return sqlite::decoded("questionnaire response", id, [&] {
    QuestionnaireResponse q;
    q.id = id;
    q.person_id = row.getColumn(1).getInt64();
    q.date = sqlite::date_column(row.getColumn(2));
    q.instrument_id = row.getColumn(3).getString();
    q.answers = sqlite::json_column(row.getColumn(4)).get<std::vector<int>>();
    q.total = row.getColumn(5).getInt();
    q.band = row.getColumn(6).getString();
    q.crisis_shown = row.getColumn(7).getInt() != 0;
    q.recorded_at = row.getColumn(8).getString();
    return q;
  });
}

constexpr const char* kCognitiveColumns =
    "id, person_id, date, test_id, device, browser, result, recorded_at";

CognitiveSession cognitive_from(SQLite::Statement& row) {
  const RecordId id = row.getColumn(0).getInt64();
  return sqlite::decoded("cognitive session", id, [&] {
    CognitiveSession s;
    s.id = id;
    s.person_id = row.getColumn(1).getInt64();
    s.date = sqlite::date_column(row.getColumn(2));
    s.test_id = row.getColumn(3).getString();
    s.device = row.getColumn(4).getString();
    s.browser = row.getColumn(5).getString();
    s.result = sqlite::json_column(row.getColumn(6));
    s.recorded_at = row.getColumn(7).getString();
    return s;
  });
}

}  // namespace

RecordId SqliteRepository::add_dose(const DoseLogEntry& entry) {
  parse_dose_log_entry(to_json(entry));
  return impl_->write("add a dose", [&] {
    impl_->require_person(entry.person_id);
    SQLite::Statement& insert = impl_->statement(
        "INSERT INTO dose_log (person_id, date, time, drug_id, dose_mg, "
        "status, planned_time, planned_dose_mg, note, recorded_at, confirmed_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    bind_value(insert, 1, entry.person_id);
    bind_value(insert, 2, entry.date);
    bind_value(insert, 3, entry.time);
    bind_value(insert, 4, entry.drug_id);
    bind_value(insert, 5, entry.dose_mg);
    bind_value(insert, 6, std::string(to_string(entry.status)));
    bind_value(insert, 7, entry.planned_time);
    bind_value(insert, 8, entry.planned_dose_mg);
    bind_value(insert, 9, entry.note);
    bind_value(insert, 10, entry.recorded_at);
    bind_value(insert, 11, entry.confirmed_at);
    impl_->execute(insert, entry.person_id);
    const RecordId id = impl_->db().getLastInsertRowid();
    impl_->audit(entry.person_id, "create", "dose", id, entry.date.to_string());
    return id;
  });
}

std::vector<DoseLogEntry> SqliteRepository::doses(PersonId person, CivilDate from, CivilDate to) {
  return impl_->read("list doses", [&] {
    // Missed doses have no time taken: they sort by the planned time they answer.
    SQLite::Statement& query =
        impl_->statement(select(kDoseColumns,
                                "FROM dose_log WHERE person_id = ?1 AND date BETWEEN ?2 AND ?3 "
                                "ORDER BY date, coalesce(time, planned_time), id"));
    bind_value(query, 1, person);
    bind_value(query, 2, from);
    bind_value(query, 3, to);
    std::vector<DoseLogEntry> out;
    while (query.executeStep()) out.push_back(dose_from(query));
    return out;
  });
}

RecordId SqliteRepository::add_check_in(const CheckIn& check_in) {
  require_valid(check_in);
  return impl_->write("add a check-in", [&] {
    impl_->require_person(check_in.person_id);
    SQLite::Statement& insert =
        impl_->statement(std::string("INSERT INTO check_ins (") +
                         std::string(kCheckInColumns).substr(4) +  // all but "id, "
                         ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                         "?14, ?15, ?16, ?17, ?18, ?19, ?20)");
    bind_check_in(insert, check_in);
    try {
      impl_->execute(insert, check_in.person_id);
    } catch (const SQLite::Exception& e) {
      if (!sqlite::is_unique_violation(e)) throw;
      throw Conflict("there is already a check-in for " + check_in.date.to_string() +
                     "; replace it instead");
    }
    const RecordId id = impl_->db().getLastInsertRowid();
    impl_->audit(check_in.person_id, "create", "check_in", id, check_in.date.to_string());
    return id;
  });
}

RecordId SqliteRepository::replace_check_in(const CheckIn& check_in) {
  require_valid(check_in);
  return impl_->write("replace a check-in", [&] {
    impl_->require_person(check_in.person_id);
    // The row keeps its id: it is the same day's check-in, corrected.
    SQLite::Statement& update = impl_->statement(
        "UPDATE check_ins SET symptoms = ?3, sleep_bedtime = ?4, sleep_minutes_to_fall_asleep = "
        "?5, sleep_awakenings = ?6, sleep_wake_time = ?7, sleep_quality = ?8, exercise_minutes = "
        "?9, exercise_kind = ?10, regular_meals = ?11, caffeine_drinks = ?12, alcohol_units = "
        "?13, relaxation_minutes = ?14, therapy_session = ?15, social_contact = ?16, mood = ?17, "
        "red_flags = ?18, notes = ?19, recorded_at = ?20 "
        "WHERE person_id = ?1 AND date = ?2 RETURNING id");
    bind_check_in(update, check_in);
    if (!update.executeStep()) {
      throw NotFound("there is no check-in for " + check_in.date.to_string() + " to replace");
    }
    const RecordId id = update.getColumn(0).getInt64();
    update.executeStep();  // finish the statement before the next one
    impl_->audit(check_in.person_id, "replace", "check_in", id, check_in.date.to_string());
    return id;
  });
}

std::optional<CheckIn> SqliteRepository::check_in_on(PersonId person, CivilDate date) {
  return impl_->read("read a check-in", [&]() -> std::optional<CheckIn> {
    SQLite::Statement& query = impl_->statement(
        select(kCheckInColumns, "FROM check_ins WHERE person_id = ?1 AND date = ?2"));
    bind_value(query, 1, person);
    bind_value(query, 2, date);
    if (!query.executeStep()) return std::nullopt;
    return check_in_from(query);
  });
}

std::vector<CheckIn> SqliteRepository::check_ins(PersonId person, CivilDate from, CivilDate to) {
  return impl_->read("list check-ins", [&] {
    SQLite::Statement& query =
        impl_->statement(select(kCheckInColumns,
                                "FROM check_ins WHERE person_id = ?1 AND date BETWEEN ?2 AND "
                                "?3 ORDER BY date"));
    bind_value(query, 1, person);
    bind_value(query, 2, from);
    bind_value(query, 3, to);
    std::vector<CheckIn> out;
    while (query.executeStep()) out.push_back(check_in_from(query));
    return out;
  });
}

RecordId SqliteRepository::add_questionnaire_response(const QuestionnaireResponse& response) {
  parse_questionnaire_response(to_json(response));
  return impl_->write("add a questionnaire response", [&] {
    impl_->require_person(response.person_id);
    SQLite::Statement& insert = impl_->statement(
        "INSERT INTO questionnaire_responses (person_id, date, "
        "instrument_id, answers, total, band, crisis_shown, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    bind_value(insert, 1, response.person_id);
    bind_value(insert, 2, response.date);
    bind_value(insert, 3, response.instrument_id);
    bind_json(insert, 4, nlohmann::json(response.answers), "questionnaire_response.answers");
    bind_value(insert, 5, response.total);
    bind_value(insert, 6, response.band);
    bind_value(insert, 7, response.crisis_shown);
    bind_value(insert, 8, response.recorded_at);
    impl_->execute(insert, response.person_id);
    const RecordId id = impl_->db().getLastInsertRowid();
    impl_->audit(response.person_id, "create", "questionnaire_response", id,
                 response.date.to_string());
    return id;
  });
}

std::vector<QuestionnaireResponse> SqliteRepository::questionnaire_responses(
    PersonId person, const std::string& instrument_id) {
  return impl_->read("list questionnaire responses", [&] {
    SQLite::Statement& query =
        impl_->statement(select(kQuestionnaireColumns,
                                "FROM questionnaire_responses WHERE person_id = ?1 AND "
                                "(?2 = '' OR instrument_id = ?2) ORDER BY date, id"));
    bind_value(query, 1, person);
    bind_value(query, 2, instrument_id);
    std::vector<QuestionnaireResponse> out;
    while (query.executeStep()) out.push_back(questionnaire_from(query));
    return out;
  });
}

RecordId SqliteRepository::add_cognitive_session(const CognitiveSession& session) {
  parse_cognitive_session(to_json(session));
  return impl_->write("add a cognitive session", [&] {
    impl_->require_person(session.person_id);
    SQLite::Statement& insert = impl_->statement(
        "INSERT INTO cognitive_sessions (person_id, date, test_id, device, "
        "browser, result, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    bind_value(insert, 1, session.person_id);
    bind_value(insert, 2, session.date);
    bind_value(insert, 3, session.test_id);
    bind_value(insert, 4, session.device);
    bind_value(insert, 5, session.browser);
    bind_json(insert, 6, session.result, "cognitive_session.result");
    bind_value(insert, 7, session.recorded_at);
    impl_->execute(insert, session.person_id);
    const RecordId id = impl_->db().getLastInsertRowid();
    impl_->audit(session.person_id, "create", "cognitive_session", id, session.date.to_string());
    return id;
  });
}

std::vector<CognitiveSession> SqliteRepository::cognitive_sessions(PersonId person) {
  return impl_->read("list cognitive sessions", [&] {
    SQLite::Statement& query = impl_->statement(select(
        kCognitiveColumns, "FROM cognitive_sessions WHERE person_id = ?1 ORDER BY date, id"));
    bind_value(query, 1, person);
    std::vector<CognitiveSession> out;
    while (query.executeStep()) out.push_back(cognitive_from(query));
    return out;
  });
}

}  // namespace taperlab::store
