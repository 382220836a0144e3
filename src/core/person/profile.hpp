#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <string>

namespace taperlab {

// Risk factors that change how a taper is planned (docs/planner.md, inputs and red flags).
enum class RiskFactor {
  kSeizures,  // seizures or epilepsy
  kAlcoholUseDisorder,
  kSubstanceUseDisorder,  // other than alcohol
  kOpioidCoPrescription,
  kPregnancy,
  kLiverImpairment,
  kBipolar,
  kPsychosis,
  kPriorFailedTaper,
};

const char* to_string(RiskFactor r);
// Accepts the names printed by to_string (e.g. "seizures", "opioids"); throws ValidationError.
RiskFactor parse_risk_factor(const std::string& text, const std::string& field);

// Who prescribes the benzodiazepine, as the person writes it: printed on the calendar a
// pharmacist or doctor reads. Both optional; at most 100 (name) and 200 (contact) characters.
struct Prescriber {
  std::string name;     // "Dr A. Patel"
  std::string contact;  // a phone number, a practice, an email: free text
  [[nodiscard]] bool empty() const { return name.empty() && contact.empty(); }
};

struct Profile {
  std::optional<int> age_years;
  std::string sex;      // "female", "male", "other" or empty
  std::string country;  // ISO code, e.g. "US", "UK"
  std::set<RiskFactor> risks;
  // Weeks the current regimen has been taken daily; absent means "long-term" (the usual case).
  std::optional<double> weeks_on_regimen;
  // True when the benzodiazepine treats epilepsy (clobazam/clonazepam): the neurologist leads.
  bool treats_epilepsy = false;
  Prescriber prescriber;
};

// {"age": 70, "sex": "female", "country": "UK", "risks": ["seizures", "opioids"],
//  "weeks_on_regimen": 104, "treats_epilepsy": false,
//  "prescriber": {"name": "Dr A. Patel", "contact": "020 7946 0000"}} (prescriber only when
//  given); errors name the field ("profile.age", "profile.prescriber.name").
Profile parse_profile(const nlohmann::json& doc);
nlohmann::json to_json(const Profile& profile);

}  // namespace taperlab
