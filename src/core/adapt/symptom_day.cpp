#include "core/adapt/symptom_day.hpp"

#include <algorithm>
#include <map>

namespace taperlab::adapt {
namespace {

// PHQ-9 item 9 ("thoughts that you would be better off dead, or of hurting yourself"), 0-based.
constexpr std::size_t kPhq9SelfHarmItem = 8;

void add_flag(std::vector<RedFlag>& flags, RedFlag flag) {
  if (std::find(flags.begin(), flags.end(), flag) == flags.end()) flags.push_back(flag);
}

}  // namespace

SymptomDay symptom_day(const CheckIn& check_in) {
  SymptomDay day;
  day.date = check_in.date;
  day.red_flags = check_in.red_flags;
  const SymptomAnswers answers = symptom_answers(check_in.symptoms);
  day.answered_items = answers.answered;
  day.highest_item_rating = answers.highest_rating;
  day.symptom_share = answers.counted_share();
  return day;
}

std::vector<SymptomDay> symptom_days(const std::vector<CheckIn>& check_ins,
                                     const std::vector<QuestionnaireResponse>& questionnaires) {
  std::map<CivilDate, SymptomDay> by_date;
  for (const CheckIn& c : check_ins) {
    SymptomDay d = symptom_day(c);
    auto [it, fresh] = by_date.emplace(c.date, d);
    if (!fresh) {
      // One check-in per day is the store's rule; if two arrive, keep the worse day.
      SymptomDay& kept = it->second;
      if (!kept.symptom_share || (d.symptom_share && *d.symptom_share > *kept.symptom_share)) {
        kept.symptom_share = d.symptom_share;
      }
      kept.highest_item_rating = std::max(kept.highest_item_rating, d.highest_item_rating);
      kept.answered_items = std::max(kept.answered_items, d.answered_items);
      for (RedFlag f : d.red_flags) add_flag(kept.red_flags, f);
    }
  }
  for (const QuestionnaireResponse& q : questionnaires) {
    if (q.instrument_id != "phq9" || q.answers.size() <= kPhq9SelfHarmItem) continue;
    if (q.answers[kPhq9SelfHarmItem] <= 0) continue;
    SymptomDay& d =
        by_date.try_emplace(q.date, SymptomDay{q.date, std::nullopt, 0, {}, 0}).first->second;
    add_flag(d.red_flags, RedFlag::kSelfHarmThoughts);
  }
  std::vector<SymptomDay> out;
  out.reserve(by_date.size());
  for (auto& [date, day] : by_date) out.push_back(std::move(day));
  return out;
}

}  // namespace taperlab::adapt
