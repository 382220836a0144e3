#pragma once

// A paused plan (docs/tracking.md, "Pause and resume"): after an urgent decision (a seizure,
// confusion, hallucinations or thoughts of self-harm) no further cut starts and the dose of that
// day is kept. The pause has no set length: it ends only when the person or their clinician resumes
// the plan (resume.hpp), and only after a check-in on a later day without any red flag.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/journal/records.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

struct PauseState {
  Decision urgent;                          // the decision that paused the plan
  CivilDate date;                           // the day it is seen from
  std::vector<RedFlag> flags;               // what was reported, as the decision recorded it
  std::optional<CivilDate> check_in_after;  // the latest check-in after the urgent decision's day
  std::vector<RedFlag> check_in_flags;      // that check-in's red flags
  std::string blocker;                      // why the plan cannot be resumed yet; empty when it can

  [[nodiscard]] int days() const { return urgent.date.days_until(date); }
  [[nodiscard]] bool can_resume() const { return blocker.empty(); }
};

// The pause that `urgent` (the latest decision up to `date`, of kind urgent) started, seen on
// `date`: whether a check-in since allows a resume, and if not, why.
PauseState pause_state(store::Repository& repo, PersonId person, const Decision& urgent,
                       CivilDate date);

// In plain words: what the pause means, how long it lasts, how it ends, and where it stands.
std::vector<std::string> pause_words(const PauseState& pause);

// {"since", "days", "red_flags", "check_in_after", "can_resume", "blocker", "words"}.
nlohmann::json to_json(const PauseState& pause);

}  // namespace taperlab::journal
