#include "journal/export_import.hpp"

#include <algorithm>
#include <iomanip>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/base/error.hpp"
#include "core/journal/plan_view.hpp"
#include "core/journal/records_json.hpp"
#include "io/time_zone.hpp"
#include "journal/export_document.hpp"

namespace taperlab::journal {
namespace {

using nlohmann::json;

constexpr const char* kAlreadyHasJournal =
    "this account already has a journal; import into a new account, or delete this one's data "
    "first";

json without_ids(json record) {
  record.erase("id");
  record.erase("person_id");
  return record;
}

CivilDate far_past_date() {
  return CivilDate{std::chrono::sys_days{std::chrono::year{1900} / 1 / 1}};
}
CivilDate far_future_date() {
  return CivilDate{std::chrono::sys_days{std::chrono::year{2200} / 1 / 1}};
}

bool has_journal_records(store::Repository& repo, PersonId person) {
  return !repo.regimens(person).empty() || !repo.plan_versions(person).empty() ||
         !repo.doses(person, far_past_date(), far_future_date()).empty() ||
         !repo.check_ins(person, far_past_date(), far_future_date()).empty() ||
         !repo.questionnaire_responses(person).empty() ||
         !repo.cognitive_sessions(person).empty() || !repo.decisions(person).empty();
}

}  // namespace

json export_json(store::Repository& repo, PersonId person_id) {
  const auto person = repo.find_person(person_id);
  if (!person) throw NotFound("person " + std::to_string(person_id) + " not found");
  json out = {{"format", kExportFormat}, {"format_version", kExportFormatVersion}};
  out["person"] = without_ids(to_json(*person));

  json regimens = json::array();
  for (const auto& r : repo.regimens(person_id)) regimens.push_back(without_ids(to_json(r)));
  out["regimens"] = regimens;

  const auto decisions = repo.decisions(person_id);
  const auto versions = repo.plan_versions(person_id);
  std::map<RecordId, int> decision_index;
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    decision_index[decisions[i].id] = static_cast<int>(i);
  }
  std::map<RecordId, int> version_number;
  for (const auto& v : versions) version_number[v.id] = v.version;

  json plan_versions = json::array();
  for (const auto& v : versions) {
    json j = without_ids(to_json(v));
    j.erase("decision_id");
    j["decision"] = v.decision_id ? json(decision_index.at(*v.decision_id)) : json(nullptr);
    plan_versions.push_back(j);
  }
  out["plan_versions"] = plan_versions;

  json doses = json::array();
  for (const auto& d : repo.doses(person_id, far_past_date(), far_future_date())) {
    doses.push_back(without_ids(to_json(d)));
  }
  out["doses"] = doses;
  json check_ins = json::array();
  for (const auto& c : repo.check_ins(person_id, far_past_date(), far_future_date())) {
    check_ins.push_back(without_ids(json::parse(check_in_json_text(c))));
  }
  out["check_ins"] = check_ins;
  json responses = json::array();
  for (const auto& r : repo.questionnaire_responses(person_id)) {
    responses.push_back(without_ids(to_json(r)));
  }
  out["questionnaire_responses"] = responses;
  json sessions = json::array();
  for (const auto& s : repo.cognitive_sessions(person_id)) {
    sessions.push_back(without_ids(to_json(s)));
  }
  out["cognitive_sessions"] = sessions;
  json decision_list = json::array();
  for (const auto& d : decisions) {
    json j = without_ids(to_json(d));
    j.erase("plan_version_id");
    j["plan_version"] =
        d.plan_version_id ? json(version_number.at(*d.plan_version_id)) : json(nullptr);
    decision_list.push_back(j);
  }
  out["decisions"] = decision_list;
  return out;
}

namespace {

// The core checks a zone name's shape only; whether this machine's database knows it is checked
// here, before anything is written.
void require_known_zone(const Person& person) {
  if (!person.time_zone.empty()) io::require_time_zone(person.time_zone, "person.time_zone");
}

}  // namespace

PersonId import_json(store::Repository& repo, const Catalog& catalog, const json& doc,
                     CivilDate today) {
  check_export_format(doc);
  if (!repo.people().empty()) {
    throw Conflict("this database already has a journal; a journal is imported into a new one");
  }
  // Read everything before writing anything, so that every error is reported at once.
  const ExportDocument records = read_export_document(doc, catalog, today);
  require_known_zone(records.person);
  PersonId id = 0;
  repo.transaction([&] {
    id = repo.add_person(records.person);
    store_export_document(repo, id, records);
  });
  return id;
}

ImportedCounts import_json_into(store::Repository& repo, const Catalog& catalog, PersonId person_id,
                                const json& doc, CivilDate today) {
  check_export_format(doc);
  const auto person = repo.find_person(person_id);
  if (!person) throw NotFound("person " + std::to_string(person_id) + " not found");
  // Checked before reading, so that a person with a journal hears so rather than about fields.
  if (has_journal_records(repo, person_id)) throw Conflict(kAlreadyHasJournal);
  const ExportDocument records = read_export_document(doc, catalog, today);
  require_known_zone(records.person);
  repo.transaction([&] {
    // Again inside the transaction: another request (a second tab) may have stored a record since.
    if (has_journal_records(repo, person_id)) throw Conflict(kAlreadyHasJournal);
    Person updated = *person;
    updated.name = records.person.name;
    updated.profile = records.person.profile;
    // The journal's dates were kept on the exporting person's clock: their zone comes with them.
    if (!records.person.time_zone.empty()) updated.time_zone = records.person.time_zone;
    repo.update_person(updated);
    store_export_document(repo, person_id, records);
  });
  return ImportedCounts{records.regimens.size(),
                        records.plan_versions.size(),
                        records.doses.size(),
                        records.check_ins.size(),
                        records.questionnaire_responses.size(),
                        records.cognitive_sessions.size(),
                        records.decisions.size()};
}

namespace {

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number_cell(double v) {
  std::ostringstream s;
  s << std::setprecision(std::numeric_limits<double>::max_digits10 - 2) << v;
  return s.str();
}

template <typename T>
std::string optional_cell(const std::optional<T>& v) {
  if (!v) return "";
  if constexpr (std::is_same_v<T, bool>) {
    return *v ? "yes" : "no";
  } else if constexpr (std::is_same_v<T, TimeOfDay>) {
    return v->to_string();
  } else {
    return number_cell(static_cast<double>(*v));
  }
}

// The person's journal, read once for the whole table.
struct CsvJournal {
  std::vector<DoseLogEntry> doses;
  std::vector<CheckIn> check_ins;
  std::vector<QuestionnaireResponse> responses;
  std::vector<Decision> decisions;
};

// What gets a row or a column: every day with a record, every drug logged or planned, every
// symptom item rated. Sets, so that rows and columns come out sorted.
struct CsvShape {
  std::set<CivilDate> dates;
  std::set<std::string> drugs;
  std::set<std::string> items;
};

CsvShape csv_shape(store::Repository& repo, PersonId person_id, const CsvJournal& j) {
  CsvShape shape;
  for (const auto& d : j.doses) {
    shape.dates.insert(d.date);
    shape.drugs.insert(d.drug_id);
  }
  for (const auto& c : j.check_ins) {
    shape.dates.insert(c.date);
    for (const auto& [item, rating] : c.symptoms) shape.items.insert(item);
  }
  for (const auto& r : j.responses) shape.dates.insert(r.date);
  for (const auto& d : j.decisions) shape.dates.insert(d.date);
  // A drug planned but never logged still gets its column, empty.
  for (const auto& v : repo.plan_versions(person_id)) {
    for (const auto& step : parse_plan_view(v.plan).steps) {
      for (const auto& dose : step.doses) shape.drugs.insert(dose.drug_id);
    }
  }
  return shape;
}

void write_csv_line(std::ostringstream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_cell(cells[i]);
  out << "\n";
}

std::vector<std::string> csv_header(const CsvShape& shape) {
  std::vector<std::string> header = {"date", "step", "plan_version",
                                     "planned_diazepam_equivalent_mg"};
  for (const auto& drug : shape.drugs) header.push_back(drug + "_taken_mg");
  for (const char* h : {"missed_doses", "extra_doses", "symptom_share"}) header.push_back(h);
  for (const auto& item : shape.items) header.push_back(item);
  for (const char* h : {"sleep_quality", "minutes_to_fall_asleep", "awakenings", "bedtime",
                        "wake_time", "mood", "exercise_minutes", "regular_meals", "caffeine_drinks",
                        "alcohol_units", "relaxation_minutes", "therapy_session", "social_contact",
                        "red_flags", "phq9", "gad7", "decision"}) {
    header.push_back(h);
  }
  return header;
}

// The plan in force that day: its step, version and planned diazepam-equivalent dose.
void add_plan_cells(store::Repository& repo, PersonId person_id, CivilDate date,
                    std::vector<std::string>& row) {
  const auto version = repo.plan_in_force(person_id, date);
  const PlanStepView* step = nullptr;
  std::optional<PlanView> view;
  if (version) {
    view = parse_plan_view(version->plan);
    step = view->step_on(date);
  }
  row.push_back(step ? std::to_string(step->index) : "");
  row.push_back(version ? std::to_string(version->version) : "");
  row.push_back(step ? number_cell(step->diazepam_equivalent_mg) : "");
}

// What was taken of each drug that day, and how many doses were missed or extra (empty on a day
// without a logged dose, so that a blank is not read as "none missed").
void add_dose_cells(const CsvJournal& j, const CsvShape& shape, CivilDate date,
                    std::vector<std::string>& row) {
  for (const auto& drug : shape.drugs) {
    double taken = 0;
    bool any = false;
    for (const auto& d : j.doses) {
      if (d.date != date || d.drug_id != drug) continue;
      any = true;
      taken += d.dose_mg;
    }
    row.push_back(any ? number_cell(taken) : "");
  }
  int missed = 0;
  int extra = 0;
  for (const auto& d : j.doses) {
    if (d.date != date) continue;
    missed += d.status == DoseStatus::kMissed;
    extra += d.status == DoseStatus::kExtra;
  }
  const bool any_dose = std::any_of(j.doses.begin(), j.doses.end(),
                                    [&](const DoseLogEntry& d) { return d.date == date; });
  row.push_back(any_dose ? std::to_string(missed) : "");
  row.push_back(any_dose ? std::to_string(extra) : "");
}

// The day's check-in (the last one logged that day): symptom share, each item's rating, sleep,
// mood, habits and red flags.
void add_check_in_cells(const CsvJournal& j, const CsvShape& shape, CivilDate date,
                        std::vector<std::string>& row) {
  const CheckIn* c = nullptr;
  for (const auto& ci : j.check_ins) {
    if (ci.date == date) c = &ci;
  }
  if (c && !c->symptoms.empty()) {
    int sum = 0;
    for (const auto& [item, rating] : c->symptoms) sum += rating;
    row.push_back(number_cell(sum / (4.0 * static_cast<double>(c->symptoms.size()))));
  } else {
    row.push_back("");
  }
  for (const auto& item : shape.items) {
    const auto it = c ? c->symptoms.find(item) : decltype(c->symptoms)::const_iterator{};
    row.push_back(c && it != c->symptoms.end() ? std::to_string(it->second) : "");
  }
  if (!c) {
    row.insert(row.end(), 14, "");
    return;
  }
  row.push_back(optional_cell(c->sleep.quality));
  row.push_back(optional_cell(c->sleep.minutes_to_fall_asleep));
  row.push_back(optional_cell(c->sleep.awakenings));
  row.push_back(optional_cell(c->sleep.bedtime));
  row.push_back(optional_cell(c->sleep.wake_time));
  row.push_back(optional_cell(c->mood));
  row.push_back(optional_cell(c->habits.exercise_minutes));
  row.push_back(optional_cell(c->habits.regular_meals));
  row.push_back(optional_cell(c->habits.caffeine_drinks));
  row.push_back(optional_cell(c->habits.alcohol_units));
  row.push_back(optional_cell(c->habits.relaxation_minutes));
  row.push_back(optional_cell(c->habits.therapy_session));
  row.push_back(optional_cell(c->habits.social_contact));
  std::string flags;
  for (auto f : c->red_flags) flags += std::string(flags.empty() ? "" : ";") + to_string(f);
  row.push_back(flags);
}

// The day's PHQ-9 and GAD-7 totals and the decision made that day (the last of each).
void add_questionnaire_and_decision_cells(const CsvJournal& j, CivilDate date,
                                          std::vector<std::string>& row) {
  std::string phq9;
  std::string gad7;
  for (const auto& r : j.responses) {
    if (r.date != date) continue;
    if (r.instrument_id == "phq9") phq9 = std::to_string(r.total);
    if (r.instrument_id == "gad7") gad7 = std::to_string(r.total);
  }
  row.push_back(phq9);
  row.push_back(gad7);
  std::string decision;
  for (const auto& d : j.decisions) {
    if (d.date == date) decision = to_string(d.kind);
  }
  row.push_back(decision);
}

}  // namespace

// One row per day with a record, the columns in the order of csv_header.
std::string export_csv(store::Repository& repo, PersonId person_id) {
  if (!repo.find_person(person_id)) {
    throw NotFound("person " + std::to_string(person_id) + " not found");
  }
  const CsvJournal journal{repo.doses(person_id, far_past_date(), far_future_date()),
                           repo.check_ins(person_id, far_past_date(), far_future_date()),
                           repo.questionnaire_responses(person_id), repo.decisions(person_id)};
  const CsvShape shape = csv_shape(repo, person_id, journal);

  std::ostringstream out;
  write_csv_line(out, csv_header(shape));
  for (const CivilDate date : shape.dates) {
    std::vector<std::string> row = {date.to_string()};
    add_plan_cells(repo, person_id, date, row);
    add_dose_cells(journal, shape, date, row);
    add_check_in_cells(journal, shape, date, row);
    add_questionnaire_and_decision_cells(journal, date, row);
    write_csv_line(out, row);
  }
  return out.str();
}

}  // namespace taperlab::journal
