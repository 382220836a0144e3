#include "core/dosing/dose_schedule_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"
#include "core/drugs/catalog.hpp"

namespace taperlab {
namespace {

using nlohmann::json;

using json_fields::member;

int day_at(const json& obj, const std::string& path) {
  const json& v = member(obj, "day", path);
  if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 36500) {
    throw ValidationError(path + ".day", "expected a whole number of days from 0 to 36500");
  }
  return static_cast<int>(v.get<long long>());
}

std::string drug_at(const json& obj, const std::string& path, const Catalog& catalog) {
  const json& v = member(obj, "drug", path);
  if (!v.is_string()) throw ValidationError(path + ".drug", "expected a drug name");
  return catalog.drug(v.get<std::string>(), path + ".drug").id;
}

TimeOfDay time_at(const json& obj, const std::string& path) {
  const json& v = member(obj, "time", path);
  if (!v.is_string()) throw ValidationError(path + ".time", "expected \"HH:MM\"");
  return parse_time_of_day(v.get<std::string>(), path + ".time");
}

double dose_at(const json& obj, const std::string& path) {
  const json& v = member(obj, "dose_mg", path);
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() <= 0) {
    throw ValidationError(path + ".dose_mg", "expected a dose in mg greater than 0");
  }
  return v.get<double>();
}

const json* optional_array(const json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end()) return nullptr;
  if (!it->is_array()) throw ValidationError(std::string("plan.") + key, "expected a list");
  return &*it;
}

}  // namespace

DoseSchedule parse_dose_schedule(const json& doc, const Catalog& catalog) {
  if (!doc.is_object()) throw ValidationError("plan", "expected a JSON object with \"steps\"");
  DoseSchedule schedule;
  const json& steps = member(doc, "steps", "plan");
  if (!steps.is_array()) throw ValidationError("plan.steps", "expected a list");
  int previous_day = -1;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string path = "plan.steps[" + std::to_string(i) + "]";
    ScheduleStep step;
    step.start_day = day_at(steps[i], path);
    if (step.start_day <= previous_day) {
      throw ValidationError(path + ".day", "steps must start on strictly increasing days");
    }
    previous_day = step.start_day;
    const json& doses = member(steps[i], "doses", path);
    if (!doses.is_array()) throw ValidationError(path + ".doses", "expected a list");
    for (std::size_t j = 0; j < doses.size(); ++j) {
      const std::string dpath = path + ".doses[" + std::to_string(j) + "]";
      const std::string drug = drug_at(doses[j], dpath, catalog);
      ScheduledDose dose{dose_at(doses[j], dpath), time_at(doses[j], dpath)};
      auto it = std::find_if(step.regimen.drugs.begin(), step.regimen.drugs.end(),
                             [&](const DrugRegimen& r) { return r.drug_id == drug; });
      if (it == step.regimen.drugs.end()) {
        step.regimen.drugs.push_back({drug, {}});
        it = step.regimen.drugs.end() - 1;
      }
      for (const auto& d : it->doses) {
        if (d.time == dose.time) {
          throw ValidationError(dpath + ".time",
                                "two " + drug + " doses at " + dose.time.to_string());
        }
      }
      it->doses.push_back(dose);
    }
    for (auto& r : step.regimen.drugs) {
      std::sort(r.doses.begin(), r.doses.end(),
                [](const ScheduledDose& a, const ScheduledDose& b) { return a.time < b.time; });
      check_plausible(r, catalog, path);
    }
    schedule.steps.push_back(std::move(step));
  }
  if (const json* missed = optional_array(doc, "missed")) {
    for (std::size_t i = 0; i < missed->size(); ++i) {
      const std::string path = "plan.missed[" + std::to_string(i) + "]";
      const json& m = (*missed)[i];
      schedule.missed.push_back({day_at(m, path), drug_at(m, path, catalog), time_at(m, path)});
    }
  }
  if (const json* extra = optional_array(doc, "extra")) {
    for (std::size_t i = 0; i < extra->size(); ++i) {
      const std::string path = "plan.extra[" + std::to_string(i) + "]";
      const json& e = (*extra)[i];
      const int day = day_at(e, path);
      const TimeOfDay time = time_at(e, path);
      schedule.extra.push_back(
          {day * 24.0 + time.hours(), drug_at(e, path, catalog), dose_at(e, path)});
    }
  }
  return schedule;
}

json to_json(const DoseSchedule& schedule) {
  json steps = json::array();
  for (const auto& s : schedule.steps) {
    json doses = json::array();
    for (const auto& d : s.regimen.drugs) {
      for (const auto& dose : d.doses) {
        doses.push_back(
            {{"drug", d.drug_id}, {"dose_mg", dose.dose_mg}, {"time", dose.time.to_string()}});
      }
    }
    steps.push_back({{"day", s.start_day}, {"doses", doses}});
  }
  json out = {{"steps", steps}};
  if (!schedule.missed.empty()) {
    json missed = json::array();
    for (const auto& m : schedule.missed) {
      missed.push_back({{"day", m.day}, {"drug", m.drug_id}, {"time", m.time.to_string()}});
    }
    out["missed"] = missed;
  }
  if (!schedule.extra.empty()) {
    json extra = json::array();
    for (const auto& e : schedule.extra) {
      const int day = static_cast<int>(std::floor(e.t_h / 24.0));
      const int minutes = static_cast<int>(std::lround((e.t_h - day * 24.0) * 60.0));
      extra.push_back({{"day", day},
                       {"drug", e.drug_id},
                       {"dose_mg", e.dose_mg},
                       {"time", TimeOfDay{minutes}.to_string()}});
    }
    out["extra"] = extra;
  }
  return out;
}

}  // namespace taperlab
