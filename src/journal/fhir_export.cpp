#include "journal/fhir_export.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "io/data_dir.hpp"
#include "io/time_zone.hpp"
#include "journal/plans.hpp"

namespace taperlab::journal {
namespace {

CivilDate first_day() {
  return CivilDate{std::chrono::sys_days{std::chrono::year{kFirstYear} / 1 / 1}};
}
CivilDate last_day() {
  return CivilDate{std::chrono::sys_days{std::chrono::year{kLastYear} / 12 / 31}};
}

}  // namespace

const report::MedicationCodes& medication_codes(const std::filesystem::path& data_dir) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::unique_ptr<report::MedicationCodes>> loaded;
  const std::lock_guard lock(mutex);
  auto& slot = loaded[data_dir];
  if (!slot) {
    const std::filesystem::path file = data_dir / "codes" / "medication_codes.json";
    slot = std::make_unique<report::MedicationCodes>(
        report::parse_medication_codes(io::read_data_json(file), file.string()));
  }
  return *slot;
}

nlohmann::json export_fhir(store::Repository& repo, PersonId person_id,
                           const InstrumentRegistry& instruments,
                           const report::MedicationCodes& codes, CivilDate today,
                           const std::string& now_utc) {
  report::FhirExportInput in;
  repo.read_snapshot([&] {
    const auto person = repo.find_person(person_id);
    if (!person) throw NotFound("no such person");
    in.person = *person;
    if (auto force = plan_in_force(repo, person_id, today)) {
      in.plan_version = force->version();
      in.plan_view = force->view();
    } else {
      // None started yet: the newest version, the plan about to start.
      auto versions = repo.plan_versions(person_id);
      if (!versions.empty()) {
        in.plan_version = versions.back();
        in.plan_view = parse_plan_view(*versions.back().plan);
      }
    }
    const auto latest = repo.latest_decision(person_id, today);
    if (latest && latest->kind == DecisionKind::kUrgent) in.paused_since = latest->date;
    in.doses = repo.doses(person_id, first_day(), last_day());
    in.check_ins = repo.check_ins(person_id, first_day(), last_day());
    for (auto& r : repo.questionnaire_responses(person_id)) {
      if (r.instrument_id == "phq9" || r.instrument_id == "gad7") {
        in.questionnaires.push_back(std::move(r));
      }
    }
  });
  const std::string zone = io::effective_time_zone(in.person.time_zone);
  in.today = today;
  in.now_utc = now_utc;
  in.local_date_time = [zone](CivilDate date, TimeOfDay time) {
    const io::PlacedTime placed = io::place_wall_time(date, time, zone);
    return io::to_local(placed.utc_instant, zone).rfc3339();
  };
  in.local_instant = [zone](const std::string& utc) -> std::string {
    if (utc.empty()) return "";
    try {
      return io::to_local(utc, zone).rfc3339();
    } catch (const ValidationError&) {
      return "";  // an instant stored in another form: left out rather than guessed
    }
  };
  return report::fhir_bundle(in, codes, instruments);
}

}  // namespace taperlab::journal
