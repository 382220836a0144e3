#include "core/journal/records_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "core/base/error.hpp"
#include "core/base/json_text.hpp"
#include "core/journal/time_zone_name.hpp"

namespace taperlab {
namespace {

using nlohmann::json;
using Errors = std::vector<FieldError>;

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMaxInt = std::numeric_limits<int>::max();
constexpr double kMaxDouble = std::numeric_limits<double>::max();

// Runs one of the core's single-error parsers (dates, times, enum names) and moves its error into
// `errors`, so that one bad date does not hide the other problems of a record.
template <typename Parse>
auto collect(Errors& errors, Parse&& parse) -> std::optional<decltype(parse())> {
  try {
    return parse();
  } catch (const ValidationError& e) {
    errors.insert(errors.end(), e.errors().begin(), e.errors().end());
    return std::nullopt;
  }
}

// What a wrong value was, for messages; numbers are shown, text is not (it may be long or private).
std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "a list";
    case json::value_t::object:
      return "an object";
    case json::value_t::number_float:
      return std::isfinite(v.get<double>()) ? v.dump() : "a number that is not finite";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return v.dump();
    default:
      return "an unsupported value";
  }
}

std::string whole_number_range(std::int64_t min, std::int64_t max) {
  if (max >= kMaxInt) return "a whole number >= " + std::to_string(min);
  return "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
}

std::string number_range(double min, double max) {
  // Bounds are whole numbers: print "0", not "0.0".
  auto text = [](double x) { return std::to_string(static_cast<long long>(x)); };
  if (max >= kMaxDouble) return "a number >= " + text(min);
  return "a number from " + text(min) + " to " + text(max);
}

enum class Need { kRequired, kOptional };
constexpr Need kRequired = Need::kRequired;
constexpr Need kOptional = Need::kOptional;

// Reads the members of one JSON object, recording every problem (instead of stopping at the
// first) and which keys were read, so that a misspelt key is reported rather than dropped.
class ObjectReader {
 public:
  ObjectReader(const json& doc, std::string path, Errors& errors)
      : doc_(doc), path_(std::move(path)), errors_(errors) {
    if (!doc_.is_object()) errors_.push_back({path_, "expected an object, got " + describe(doc_)});
  }

  [[nodiscard]] std::string field(std::string_view key) const {
    return path_ + "." + std::string(key);
  }

  void fail(std::string_view key, std::string message) {
    errors_.push_back({field(key), std::move(message)});
  }

  // The value at `key`, or nullptr when it is absent or null (an error if it is required).
  const json* value(const char* key, Need need, std::string_view expected) {
    known_.insert(key);
    if (!doc_.is_object()) return nullptr;
    const auto it = doc_.find(key);
    if (it == doc_.end()) {
      if (need == kRequired) fail(key, "is missing");
      return nullptr;
    }
    if (it->is_null()) {
      if (need == kRequired) fail(key, "expected " + std::string(expected) + ", got null");
      return nullptr;
    }
    return &*it;
  }

  std::optional<std::int64_t> integer(const char* key, Need need, std::int64_t min,
                                      std::int64_t max) {
    const std::string expected = whole_number_range(min, max);
    const json* v = value(key, need, expected);
    if (v == nullptr) return std::nullopt;
    auto out = whole_number(*v, min, max);
    if (!out) fail(key, "expected " + expected + ", got " + describe(*v));
    return out;
  }

  std::optional<int> small_integer(const char* key, Need need, int min, int max) {
    const auto v = integer(key, need, min, max);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
  }
  std::optional<int> small_integer(const char* key, Need need, Range<int> range) {
    return small_integer(key, need, range.min, range.max);
  }

  std::optional<double> number(const char* key, Need need, double min, double max) {
    const std::string expected = number_range(min, max);
    const json* v = value(key, need, expected);
    if (v == nullptr) return std::nullopt;
    if (v->is_number()) {
      const double x = v->get<double>();
      if (std::isfinite(x) && x >= min && x <= max) return x;
    }
    fail(key, "expected " + expected + ", got " + describe(*v));
    return std::nullopt;
  }

  std::optional<bool> boolean(const char* key, Need need) {
    const json* v = value(key, need, "true or false");
    if (v == nullptr) return std::nullopt;
    if (v->is_boolean()) return v->get<bool>();
    fail(key, "expected true or false, got " + describe(*v));
    return std::nullopt;
  }

  // Free text; absent or null reads as "" unless required. `non_empty` for identifiers.
  std::string text(const char* key, Need need, bool non_empty = false) {
    const char* expected = non_empty ? "a non-empty string" : "a string";
    const json* v = value(key, need, expected);
    if (v == nullptr) return "";
    if (!v->is_string() || (non_empty && v->get_ref<const std::string&>().empty())) {
      fail(key, std::string("expected ") + expected + ", got " +
                    (v->is_string() ? "an empty string" : describe(*v)));
      return "";
    }
    return v->get<std::string>();
  }

  std::optional<CivilDate> date(const char* key, Need need) {
    const json* v = value(key, need, "a date as \"YYYY-MM-DD\"");
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      fail(key, "expected a date as \"YYYY-MM-DD\", got " + describe(*v));
      return std::nullopt;
    }
    return collect(errors_, [&] { return parse_civil_date(v->get<std::string>(), field(key)); });
  }

  std::optional<TimeOfDay> time(const char* key, Need need) {
    const json* v = value(key, need, "a time as \"HH:MM\"");
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      fail(key, "expected a time as \"HH:MM\", got " + describe(*v));
      return std::nullopt;
    }
    return collect(errors_, [&] { return parse_time_of_day(v->get<std::string>(), field(key)); });
  }

  // Any JSON (plans, requests, evidence, results): the record does not interpret it.
  json any(const char* key) {
    const json* v = value(key, kOptional, "");
    return v == nullptr ? json(nullptr) : *v;
  }

  const json* object(const char* key, Need need) { return typed(key, need, "an object", true); }
  const json* array(const char* key, Need need) { return typed(key, need, "a list", false); }

  std::optional<std::int64_t> id(const char* key) { return integer(key, kOptional, 0, kMaxId); }

  // A reference to another record: ids start at 1.
  std::optional<std::int64_t> reference(const char* key) {
    return integer(key, kOptional, 1, kMaxId);
  }

  void reject_unknown_keys() {
    if (!doc_.is_object()) return;
    for (const auto& [key, v] : doc_.items()) {
      if (!known_.contains(key)) fail(key, "unknown field");
    }
  }

  static std::optional<std::int64_t> whole_number(const json& v, std::int64_t min,
                                                  std::int64_t max) {
    if (v.is_number_unsigned()) {
      const auto x = v.get<std::uint64_t>();
      if (x > static_cast<std::uint64_t>(max)) return std::nullopt;
      const auto s = static_cast<std::int64_t>(x);
      if (s < min) return std::nullopt;
      return s;
    }
    if (v.is_number_integer()) {
      const auto x = v.get<std::int64_t>();
      if (x < min || x > max) return std::nullopt;
      return x;
    }
    return std::nullopt;
  }

 private:
  const json* typed(const char* key, Need need, const char* expected, bool want_object) {
    const json* v = value(key, need, expected);
    if (v == nullptr) return nullptr;
    if (want_object ? !v->is_object() : !v->is_array()) {
      fail(key, std::string("expected ") + expected + ", got " + describe(*v));
      return nullptr;
    }
    return v;
  }

  const json& doc_;
  std::string path_;
  Errors& errors_;
  std::set<std::string, std::less<>> known_;
};

template <typename T>
json or_null(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json or_null(const std::optional<TimeOfDay>& t) { return t ? json(t->to_string()) : json(nullptr); }

std::string indexed(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

// Wraps a reader that collects errors into the public "throw them all at once" form.
template <typename Read>
auto parse_all(Read&& read) {
  Errors errors;
  auto out = read(errors);
  if (!errors.empty()) throw ValidationError(std::move(errors));
  return out;
}

Regimen read_regimen(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  Regimen regimen;
  if (const json* drugs = r.array("drugs", kRequired)) {
    std::set<std::string> seen_drugs;
    for (std::size_t i = 0; i < drugs->size(); ++i) {
      const std::string drug_path = indexed(r.field("drugs"), i);
      ObjectReader d((*drugs)[i], drug_path, errors);
      DrugRegimen drug;
      drug.drug_id = d.text("drug", kRequired, true);
      if (!drug.drug_id.empty() && !seen_drugs.insert(drug.drug_id).second) {
        d.fail("drug", "appears twice; give all its doses in one entry");
      }
      if (const json* doses = d.array("doses", kRequired)) {
        std::set<TimeOfDay> seen_times;
        for (std::size_t j = 0; j < doses->size(); ++j) {
          ObjectReader dose_reader((*doses)[j], indexed(d.field("doses"), j), errors);
          ScheduledDose dose;
          dose.dose_mg = dose_reader.number("dose_mg", kRequired, 0.0, kMaxDouble).value_or(0.0);
          if (auto time = dose_reader.time("time", kRequired)) {
            dose.time = *time;
            if (!seen_times.insert(*time).second) {
              dose_reader.fail("time", "two doses at " + time->to_string());
            }
          }
          dose_reader.reject_unknown_keys();
          drug.doses.push_back(dose);
        }
      }
      d.reject_unknown_keys();
      regimen.drugs.push_back(std::move(drug));
    }
  }
  r.reject_unknown_keys();
  return regimen;
}

// parse_profile names its fields "profile.x" and stops at the first problem; rebase its field
// names under `path` so the caller sees "people[2].profile.age".
Profile read_profile(const json& doc, const std::string& path, Errors& errors) {
  try {
    return parse_profile(doc);
  } catch (const ValidationError& e) {
    constexpr std::string_view kOwnPrefix = "profile";
    for (const auto& err : e.errors()) {
      std::string field = err.field;
      if (std::string_view(field).substr(0, kOwnPrefix.size()) == kOwnPrefix) {
        field = path + field.substr(kOwnPrefix.size());
      }
      errors.push_back({field, err.message});
    }
    return Profile{};
  }
}

Person read_person(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  Person p;
  p.id = r.id("id").value_or(0);
  p.name = r.text("name", kOptional);
  if (const json* profile = r.value("profile", kOptional, "an object")) {
    p.profile = read_profile(*profile, r.field("profile"), errors);
  }
  p.created_on = r.date("created_on", kRequired).value_or(CivilDate{});
  // Optional: an export from before time zones has none (not chosen).
  if (std::string zone = r.text("time_zone", kOptional); !zone.empty()) {
    if (!plausible_time_zone_name(zone)) {
      r.fail("time_zone", "expected an IANA time zone name such as \"Europe/London\"");
    } else {
      p.time_zone = std::move(zone);
    }
  }
  r.reject_unknown_keys();
  return p;
}

RegimenRecord read_regimen_record(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  RegimenRecord rec;
  rec.id = r.id("id").value_or(0);
  rec.person_id = r.id("person_id").value_or(0);
  rec.effective_from = r.date("effective_from", kRequired).value_or(CivilDate{});
  if (const json* regimen = r.value("regimen", kRequired, "an object")) {
    rec.regimen = read_regimen(*regimen, r.field("regimen"), errors);
  }
  rec.recorded_at = r.text("recorded_at", kOptional);
  r.reject_unknown_keys();
  return rec;
}

PlanVersion read_plan_version(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  PlanVersion v;
  v.id = r.id("id").value_or(0);
  v.person_id = r.id("person_id").value_or(0);
  v.version = r.small_integer("version", kOptional, 0, std::numeric_limits<int>::max()).value_or(0);
  v.effective_from = r.date("effective_from", kRequired).value_or(CivilDate{});
  v.reason = r.text("reason", kOptional);
  v.decision_id = r.reference("decision_id");
  v.request = r.any("request");
  v.plan = r.any("plan");
  v.recorded_at = r.text("recorded_at", kOptional);
  r.reject_unknown_keys();
  return v;
}

DoseLogEntry read_dose_log_entry(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  DoseLogEntry e;
  e.id = r.id("id").value_or(0);
  e.person_id = r.id("person_id").value_or(0);
  e.date = r.date("date", kRequired).value_or(CivilDate{});
  e.time = r.time("time", kOptional);
  e.drug_id = r.text("drug_id", kRequired, true);
  const auto dose_mg = r.number("dose_mg", kRequired, 0.0, kMaxDouble);
  e.dose_mg = dose_mg.value_or(0.0);
  const std::string status = r.text("status", kRequired, true);
  if (!status.empty()) {
    if (auto s = collect(errors, [&] { return parse_dose_status(status, r.field("status")); })) {
      e.status = *s;
    }
  }
  if (e.status == DoseStatus::kMissed && dose_mg && *dose_mg != 0.0) {
    r.fail("dose_mg", "a missed dose has dose_mg 0 (the planned amount goes in planned_dose_mg)");
  }
  e.planned_time = r.time("planned_time", kOptional);
  e.planned_dose_mg = r.number("planned_dose_mg", kOptional, 0.0, kMaxDouble);
  e.note = r.text("note", kOptional);
  e.recorded_at = r.text("recorded_at", kOptional);
  e.confirmed_at = r.text("confirmed_at", kOptional);
  r.reject_unknown_keys();
  return e;
}

std::map<std::string, int> read_symptoms(const json& doc, const std::string& path, Errors& errors) {
  std::map<std::string, int> symptoms;
  if (!doc.is_object()) {
    errors.push_back({path, "expected an object of item -> rating 0..4, got " + describe(doc)});
    return symptoms;
  }
  for (const auto& [item, rating] : doc.items()) {
    const std::string field = path + "." + item;
    if (item.empty()) {
      errors.push_back({field, "a symptom needs a non-empty item id"});
      continue;
    }
    // null: the item was not answered. It stays absent, never 0 (missing is not zero).
    if (rating.is_null()) continue;
    if (auto r = ObjectReader::whole_number(rating, kSymptomRating.min, kSymptomRating.max)) {
      symptoms[item] = static_cast<int>(*r);
    } else {
      errors.push_back({field, "expected " +
                                   whole_number_range(kSymptomRating.min, kSymptomRating.max) +
                                   ", got " + describe(rating)});
    }
  }
  return symptoms;
}

std::vector<RedFlag> read_red_flags(const json& doc, const std::string& path, Errors& errors) {
  std::vector<RedFlag> flags;
  if (!doc.is_array()) {
    errors.push_back({path, "expected a list of red flag names, got " + describe(doc)});
    return flags;
  }
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const std::string field = indexed(path, i);
    if (!doc[i].is_string()) {
      errors.push_back({field, "expected a red flag name, got " + describe(doc[i])});
      continue;
    }
    auto flag = collect(errors, [&] { return parse_red_flag(doc[i].get<std::string>(), field); });
    if (!flag) continue;
    if (std::find(flags.begin(), flags.end(), *flag) != flags.end()) {
      errors.push_back({field, std::string("'") + to_string(*flag) + "' is listed twice"});
      continue;
    }
    flags.push_back(*flag);
  }
  return flags;
}

SleepDiary read_sleep_diary(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  SleepDiary s;
  s.bedtime = r.time("bedtime", kOptional);
  s.minutes_to_fall_asleep =
      r.small_integer("minutes_to_fall_asleep", kOptional, kMinutesToFallAsleep);
  s.awakenings = r.small_integer("awakenings", kOptional, kAwakenings);
  s.wake_time = r.time("wake_time", kOptional);
  s.quality = r.small_integer("quality", kOptional, kSleepQuality);
  r.reject_unknown_keys();
  return s;
}

Habits read_habits(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  Habits h;
  h.exercise_minutes = r.small_integer("exercise_minutes", kOptional, kActivityMinutes);
  h.exercise_kind = r.text("exercise_kind", kOptional);
  h.regular_meals = r.boolean("regular_meals", kOptional);
  h.caffeine_drinks = r.small_integer("caffeine_drinks", kOptional, kCaffeineDrinks);
  h.alcohol_units = r.number("alcohol_units", kOptional, kAlcoholUnits.min, kAlcoholUnits.max);
  h.relaxation_minutes = r.small_integer("relaxation_minutes", kOptional, kActivityMinutes);
  h.therapy_session = r.boolean("therapy_session", kOptional);
  h.social_contact = r.boolean("social_contact", kOptional);
  r.reject_unknown_keys();
  return h;
}

CheckIn read_check_in(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  CheckIn c;
  c.id = r.id("id").value_or(0);
  c.person_id = r.id("person_id").value_or(0);
  c.date = r.date("date", kRequired).value_or(CivilDate{});
  if (const json* symptoms = r.value("symptoms", kOptional, "an object")) {
    c.symptoms = read_symptoms(*symptoms, r.field("symptoms"), errors);
  }
  if (const json* sleep = r.value("sleep", kOptional, "an object")) {
    c.sleep = read_sleep_diary(*sleep, r.field("sleep"), errors);
  }
  if (const json* habits = r.value("habits", kOptional, "an object")) {
    c.habits = read_habits(*habits, r.field("habits"), errors);
  }
  c.mood = r.small_integer("mood", kOptional, kMood);
  if (const json* flags = r.value("red_flags", kOptional, "a list")) {
    c.red_flags = read_red_flags(*flags, r.field("red_flags"), errors);
  }
  c.notes = r.text("notes", kOptional);
  c.recorded_at = r.text("recorded_at", kOptional);
  r.reject_unknown_keys();
  return c;
}

QuestionnaireResponse read_questionnaire_response(const json& doc, const std::string& path,
                                                  Errors& errors) {
  ObjectReader r(doc, path, errors);
  QuestionnaireResponse q;
  q.id = r.id("id").value_or(0);
  q.person_id = r.id("person_id").value_or(0);
  q.date = r.date("date", kRequired).value_or(CivilDate{});
  q.instrument_id = r.text("instrument_id", kRequired, true);
  if (const json* answers = r.array("answers", kRequired)) {
    for (std::size_t i = 0; i < answers->size(); ++i) {
      if (auto a = ObjectReader::whole_number((*answers)[i], 0, kMaxInt)) {
        q.answers.push_back(static_cast<int>(*a));
      } else {
        errors.push_back({indexed(r.field("answers"), i),
                          "expected a whole number >= 0, got " + describe((*answers)[i])});
      }
    }
  }
  q.total = r.small_integer("total", kRequired, 0, std::numeric_limits<int>::max()).value_or(0);
  q.band = r.text("band", kOptional);
  q.crisis_shown = r.boolean("crisis_shown", kOptional).value_or(false);
  q.recorded_at = r.text("recorded_at", kOptional);
  r.reject_unknown_keys();
  return q;
}

CognitiveSession read_cognitive_session(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  CognitiveSession s;
  s.id = r.id("id").value_or(0);
  s.person_id = r.id("person_id").value_or(0);
  s.date = r.date("date", kRequired).value_or(CivilDate{});
  s.test_id = r.text("test_id", kRequired, true);
  s.device = r.text("device", kOptional);
  s.browser = r.text("browser", kOptional);
  s.result = r.any("result");
  s.recorded_at = r.text("recorded_at", kOptional);
  r.reject_unknown_keys();
  return s;
}

Decision read_decision(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  Decision d;
  d.id = r.id("id").value_or(0);
  d.person_id = r.id("person_id").value_or(0);
  d.date = r.date("date", kRequired).value_or(CivilDate{});
  const std::string kind = r.text("kind", kRequired, true);
  if (!kind.empty()) {
    if (auto k = collect(errors, [&] { return parse_decision_kind(kind, r.field("kind")); })) {
      d.kind = *k;
    }
  }
  d.step_index =
      r.small_integer("step_index", kRequired, 0, std::numeric_limits<int>::max()).value_or(0);
  d.reason = r.text("reason", kOptional);
  d.evidence = r.any("evidence");
  d.plan_version_id = r.reference("plan_version_id");
  d.recorded_at = r.text("recorded_at", kOptional);
  r.reject_unknown_keys();
  return d;
}

AuditEntry read_audit_entry(const json& doc, const std::string& path, Errors& errors) {
  ObjectReader r(doc, path, errors);
  AuditEntry a;
  a.id = r.id("id").value_or(0);
  a.person_id = r.id("person_id").value_or(0);
  a.at = r.text("at", kRequired, true);
  a.action = r.text("action", kRequired, true);
  a.entity = r.text("entity", kRequired, true);
  a.entity_id = r.id("entity_id").value_or(0);
  a.detail = r.text("detail", kOptional);
  r.reject_unknown_keys();
  return a;
}

}  // namespace

json to_json(const Regimen& regimen) {
  json drugs = json::array();
  for (const auto& drug : regimen.drugs) {
    json doses = json::array();
    for (const auto& dose : drug.doses) {
      doses.push_back({{"dose_mg", dose.dose_mg}, {"time", dose.time.to_string()}});
    }
    drugs.push_back({{"drug", drug.drug_id}, {"doses", std::move(doses)}});
  }
  return {{"drugs", std::move(drugs)}};
}

Regimen parse_regimen(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_regimen(doc, field_prefix, e); });
}

json to_json(const Person& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"profile", to_json(p.profile)},
          {"created_on", p.created_on.to_string()},
          {"time_zone", p.time_zone}};
}

Person parse_person(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_person(doc, field_prefix, e); });
}

json to_json(const RegimenRecord& r) {
  return {{"id", r.id},
          {"person_id", r.person_id},
          {"effective_from", r.effective_from.to_string()},
          {"regimen", to_json(r.regimen)},
          {"recorded_at", r.recorded_at}};
}

RegimenRecord parse_regimen_record(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_regimen_record(doc, field_prefix, e); });
}

json to_json(const PlanVersion& v) {
  return {{"id", v.id},
          {"person_id", v.person_id},
          {"version", v.version},
          {"effective_from", v.effective_from.to_string()},
          {"reason", v.reason},
          {"decision_id", or_null(v.decision_id)},
          {"request", v.request},
          {"plan", v.plan},
          {"recorded_at", v.recorded_at}};
}

PlanVersion parse_plan_version(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_plan_version(doc, field_prefix, e); });
}

json to_json(const DoseLogEntry& e) {
  return {{"id", e.id},
          {"person_id", e.person_id},
          {"date", e.date.to_string()},
          {"time", or_null(e.time)},
          {"drug_id", e.drug_id},
          {"dose_mg", e.dose_mg},
          {"status", to_string(e.status)},
          {"planned_time", or_null(e.planned_time)},
          {"planned_dose_mg", or_null(e.planned_dose_mg)},
          {"note", e.note},
          {"recorded_at", e.recorded_at},
          {"confirmed_at", e.confirmed_at}};
}

DoseLogEntry parse_dose_log_entry(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_dose_log_entry(doc, field_prefix, e); });
}

namespace {

// Letters, digits, '-', '_' and '.': what JSON writes as it is.
bool plain_id(const std::string& id) {
  return std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_' || ch == '.';
  });
}

void append_int(std::string& out, int value) {
  char digits[16];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

}  // namespace

std::string symptoms_json_text(const std::map<std::string, int>& symptoms) {
  std::size_t size = 2;
  for (const auto& [item, rating] : symptoms) {
    if (!plain_id(item)) return json(symptoms).dump();  // escaped, and not UTF-8 refused
    size += item.size() + 6;
  }
  std::string out;
  out.reserve(size);
  out += '{';
  for (const auto& [item, rating] : symptoms) {
    if (out.size() > 1) out += ',';
    out += '"';
    out += item;
    out += "\":";
    append_int(out, rating);
  }
  out += '}';
  return out;
}

std::string red_flags_json_text(const std::vector<RedFlag>& red_flags) {
  std::string out = "[";
  for (RedFlag f : red_flags) {
    if (out.size() > 1) out += ',';
    out += '"';
    out += to_string(f);  // fixed names that need no escaping
    out += '"';
  }
  out += ']';
  return out;
}

std::map<std::string, int> parse_symptoms(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_symptoms(doc, field_prefix, e); });
}

namespace {

// SAX events of {"item": rating or null, ...} into a map; any other event stops the parse (false),
// and the caller reads the text again the slow way for its messages.
class SymptomsSax {
 public:
  explicit SymptomsSax(std::map<std::string, int>& out) : out_(out) {}

  bool start_object(std::size_t /*elements*/) { return depth_++ == 0; }
  bool end_object() { return --depth_ == 0; }
  bool key(std::string& item) {
    if (item.empty()) return false;
    item_ = std::move(item);
    return true;
  }
  bool number_unsigned(std::uint64_t rating) {
    if (rating > static_cast<std::uint64_t>(kSymptomRating.max)) return false;
    return rate(static_cast<int>(rating));
  }
  bool number_integer(std::int64_t rating) {
    if (rating < kSymptomRating.min || rating > kSymptomRating.max) return false;
    return rate(static_cast<int>(rating));
  }
  // An item given as null was not answered: left out, as read_symptoms does.
  bool null() {
    if (depth_ != 1) return false;
    out_.erase(item_);  // a repeated item: the last value, as json::parse keeps
    return true;
  }
  bool boolean(bool /*value*/) { return false; }
  bool number_float(double /*value*/, const std::string& /*text*/) { return false; }
  bool string(std::string& /*value*/) { return false; }
  bool binary(std::vector<std::uint8_t>& /*value*/) { return false; }
  bool start_array(std::size_t /*elements*/) { return false; }
  bool end_array() { return false; }
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::json::exception& /*error*/) {
    return false;
  }

 private:
  bool rate(int rating) {
    if (depth_ != 1 || !kSymptomRating.contains(rating)) return false;
    out_[std::move(item_)] = rating;  // a repeated item: the last rating, as json::parse keeps
    return true;
  }
  std::map<std::string, int>& out_;
  std::string item_;
  int depth_ = 0;
};

}  // namespace

std::map<std::string, int> parse_symptoms_text(std::string_view text,
                                               const std::string& field_prefix) {
  std::map<std::string, int> symptoms;
  SymptomsSax sax(symptoms);
  if (json::sax_parse(text.begin(), text.end(), &sax)) return symptoms;
  return parse_symptoms(json::parse(text.begin(), text.end()), field_prefix);
}

std::vector<RedFlag> parse_red_flags(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_red_flags(doc, field_prefix, e); });
}

SleepDiary parse_sleep_diary(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_sleep_diary(doc, field_prefix, e); });
}

Habits parse_habits(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_habits(doc, field_prefix, e); });
}

namespace {

// Members in sorted order, as dump() prints an object (json_text.hpp).
void write_time(JsonText& j, const std::optional<TimeOfDay>& t) {
  if (t) {
    j.value(t->to_string());
  } else {
    j.null();
  }
}

void write_sleep(JsonText& j, const SleepDiary& s) {
  j.begin_object();
  j.key("awakenings").value(s.awakenings);
  j.key("bedtime");
  write_time(j, s.bedtime);
  j.key("minutes_to_fall_asleep").value(s.minutes_to_fall_asleep);
  j.key("quality").value(s.quality);
  j.key("wake_time");
  write_time(j, s.wake_time);
  j.end_object();
}

void write_habits(JsonText& j, const Habits& h) {
  j.begin_object();
  j.key("alcohol_units").value(h.alcohol_units);
  j.key("caffeine_drinks").value(h.caffeine_drinks);
  j.key("exercise_kind").value(h.exercise_kind);
  j.key("exercise_minutes").value(h.exercise_minutes);
  j.key("regular_meals").value(h.regular_meals);
  j.key("relaxation_minutes").value(h.relaxation_minutes);
  j.key("social_contact").value(h.social_contact);
  j.key("therapy_session").value(h.therapy_session);
  j.end_object();
}

}  // namespace

void write_json(JsonText& j, const CheckIn& c) {
  j.begin_object();
  j.key("date").value(c.date);
  j.key("habits");
  write_habits(j, c.habits);
  j.key("id").value(static_cast<std::int64_t>(c.id));
  j.key("mood").value(c.mood);
  j.key("notes").value(c.notes);
  j.key("person_id").value(static_cast<std::int64_t>(c.person_id));
  j.key("recorded_at").value(c.recorded_at);
  j.key("red_flags").raw(red_flags_json_text(c.red_flags));
  j.key("sleep");
  write_sleep(j, c.sleep);
  j.key("symptoms").raw(symptoms_json_text(c.symptoms));
  j.end_object();
}

std::string check_in_json_text(const CheckIn& check_in) {
  std::string out;
  out.reserve(512);
  JsonText j(out);
  write_json(j, check_in);
  j.finish();
  return out;
}

CheckIn parse_check_in(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_check_in(doc, field_prefix, e); });
}

json to_json(const QuestionnaireResponse& q) {
  return {{"id", q.id},
          {"person_id", q.person_id},
          {"date", q.date.to_string()},
          {"instrument_id", q.instrument_id},
          {"answers", q.answers},
          {"total", q.total},
          {"band", q.band},
          {"crisis_shown", q.crisis_shown},
          {"recorded_at", q.recorded_at}};
}

QuestionnaireResponse parse_questionnaire_response(const json& doc,
                                                   const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_questionnaire_response(doc, field_prefix, e); });
}

json to_json(const CognitiveSession& s) {
  return {{"id", s.id},           {"person_id", s.person_id},    {"date", s.date.to_string()},
          {"test_id", s.test_id}, {"device", s.device},          {"browser", s.browser},
          {"result", s.result},   {"recorded_at", s.recorded_at}};
}

CognitiveSession parse_cognitive_session(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_cognitive_session(doc, field_prefix, e); });
}

json to_json(const Decision& d) {
  return {{"id", d.id},
          {"person_id", d.person_id},
          {"date", d.date.to_string()},
          {"kind", to_string(d.kind)},
          {"step_index", d.step_index},
          {"reason", d.reason},
          {"evidence", d.evidence},
          {"plan_version_id", or_null(d.plan_version_id)},
          {"recorded_at", d.recorded_at}};
}

Decision parse_decision(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_decision(doc, field_prefix, e); });
}

json to_json(const AuditEntry& a) {
  return {{"id", a.id},         {"person_id", a.person_id}, {"at", a.at},
          {"action", a.action}, {"entity", a.entity},       {"entity_id", a.entity_id},
          {"detail", a.detail}};
}

AuditEntry parse_audit_entry(const json& doc, const std::string& field_prefix) {
  return parse_all([&](Errors& e) { return read_audit_entry(doc, field_prefix, e); });
}

}  // namespace taperlab
