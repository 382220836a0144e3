#include "journal/pause.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/base/text.hpp"
#include "core/instruments/urgent_message.hpp"

namespace taperlab::journal {
namespace {

std::string flags_words(const std::vector<RedFlag>& flags) {
  std::vector<std::string> words;
  for (RedFlag f : flags) words.emplace_back(red_flag_plain_words(f));
  return join_words(words);
}

// The flags an urgent decision answered, from its evidence (decide.cpp: red_flags [{date, flag}]);
// an older or imported record without them names none.
std::vector<RedFlag> decision_flags(const Decision& d) {
  std::vector<RedFlag> flags;
  if (!d.evidence->is_object() || !d.evidence->contains("red_flags")) return flags;
  for (const auto& f : d.evidence->at("red_flags")) {
    if (!f.is_object() || !f.contains("flag") || !f.at("flag").is_string()) continue;
    try {
      const RedFlag flag = parse_red_flag(f.at("flag").get<std::string>(), "red_flags");
      if (std::find(flags.begin(), flags.end(), flag) == flags.end()) flags.push_back(flag);
    } catch (const std::exception&) {
      // An unknown name in an old record: the words stay general.
    }
  }
  return flags;
}

}  // namespace

PauseState pause_state(store::Repository& repo, PersonId person, const Decision& urgent,
                       CivilDate date) {
  PauseState p;
  p.urgent = urgent;
  p.date = date;
  p.flags = decision_flags(urgent);
  if (urgent.date < date) {
    const auto after = repo.check_ins(person, urgent.date.plus_days(1), date);
    const auto latest =
        std::max_element(after.begin(), after.end(),
                         [](const CheckIn& a, const CheckIn& b) { return a.date < b.date; });
    if (latest != after.end()) {
      p.check_in_after = latest->date;
      p.check_in_flags = latest->red_flags;
    }
  }
  // A day must pass: a check-in of the same day could only repeat what the urgent one said.
  if (!p.check_in_after) {
    p.blocker = "There is no check-in after " + urgent.date.to_string() +
                " yet. A resume needs a check-in on a later day without a seizure, confusion, "
                "hallucinations or thoughts of self-harm.";
  } else if (!p.check_in_flags.empty()) {
    p.blocker = "Your check-in of " + p.check_in_after->to_string() + " reports " +
                flags_words(p.check_in_flags) +
                ", so the plan stays paused. Please get help now (Help now shows the numbers).";
  }
  return p;
}

std::vector<std::string> pause_words(const PauseState& p) {
  std::vector<std::string> words;
  const std::string what = p.flags.empty() ? "a warning sign" : flags_words(p.flags);
  const std::string since = p.days() == 0
                                ? "today (" + p.urgent.date.to_string() + ")"
                                : p.urgent.date.to_string() + " (" + days_words(p.days()) + ")";
  words.push_back("Your plan is paused since " + since + " because you reported " + what +
                  ". Paused means no further cuts: keep taking the dose you took on " +
                  p.urgent.date.to_string() + " every day, and do not stop it suddenly.");
  words.push_back(
      "There is no set end: the pause lasts until you or your clinician resume the plan. "
      "Please talk to your prescriber or doctor first.");
  words.push_back(
      "How it ends: check in on a day after " + p.urgent.date.to_string() +
      " without a seizure, confusion, hallucinations or thoughts of self-harm, then resume. The "
      "plan continues from the dose you kept: every later step moves later by the days paused, "
      "so no cut is skipped.");
  if (p.can_resume()) {
    words.push_back("Your check-in of " + p.check_in_after->to_string() +
                    " reported none of these signs: the plan can be resumed.");
  } else {
    words.push_back(p.blocker);
  }
  return words;
}

nlohmann::json to_json(const PauseState& p) {
  nlohmann::json flags = nlohmann::json::array();
  for (RedFlag f : p.flags) flags.push_back(to_string(f));
  return {{"since", p.urgent.date.to_string()},
          {"days", p.days()},
          {"red_flags", flags},
          {"check_in_after",
           p.check_in_after ? nlohmann::json(p.check_in_after->to_string()) : nlohmann::json()},
          {"can_resume", p.can_resume()},
          {"blocker", p.blocker.empty() ? nlohmann::json() : nlohmann::json(p.blocker)},
          {"words", pause_words(p)}};
}

}  // namespace taperlab::journal
