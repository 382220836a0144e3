#pragma once

// The daily symptom checklist (docs/tracking.md): 22 items rated 0-4, scored as the sum shown as a
// share of its maximum. taperlab's own checklist, not a validated scale (the instrument's
// validation_note says so, for the interface to show).

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/instruments/instrument.hpp"
#include "core/journal/records.hpp"
#include "core/journal/symptom_answers.hpp"

namespace taperlab {

// A rating of 3 ("severe") or more counts as a severe item.
inline constexpr int kSevereSymptomRating = 3;

// The day's score over the items answered (missing is not zero: symptom_answers.hpp). Shown as
// "sum of max (share), n of 22 answered"; a score with fewer than kMinAnsweredSymptoms answers is
// shown but does not count for the plan's decisions (`counts`).
struct SymptomScore {
  int sum = 0;
  int max = 0;                  // the answered maximum: 4 x answered
  std::optional<double> share;  // sum / max, 0..1; absent when nothing was answered
  int answered = 0;             // checklist items answered (rated 0..4)
  int items = 0;                // items on the checklist: 22 for the shipped one
  bool counts = false;          // answered >= kMinAnsweredSymptoms
  int highest_rating = 0;
  std::string highest_item;  // the first item with the highest rating; empty when all are 0
  int severe_items = 0;      // items rated kSevereSymptomRating or more
};

// Scores a check-in's ratings against the checklist. Ratings of ids the checklist does not list
// are ignored (a check-in stored under an older checklist may have them); items not answered are
// left out of the sum and of the maximum alike. Ratings are expected to be valid
// (validate_symptom_items) and are not checked again.
SymptomScore symptom_score(const CheckIn& check_in, const Instrument& checklist);
SymptomScore symptom_score(const std::map<std::string, int>& ratings, const Instrument& checklist);

// Throws one ValidationError listing every problem: an unknown item id ("field.anxeity": "unknown
// symptom 'anxeity'; did you mean anxiety?") or a rating out of range ("field.anxiety": "expected
// 0 to 4, got 7").
void validate_symptom_items(const std::map<std::string, int>& ratings, const Instrument& checklist,
                            const std::string& field);

// What the CLI's --symptoms lists: "anxiety=2, insomnia=3". Ids are matched ignoring case; "item=-"
// marks an item as not answered. `unlisted` says what the items not listed are: kNone rates them 0
// (the flag names what was felt, the rest is "none": the CLI's documented meaning), kSkipped
// leaves them out (not answered). Malformed pairs, repeated ids, unknown ids and bad ratings name
// `field`.
enum class UnlistedSymptoms { kNone, kSkipped };
std::map<std::string, int> parse_symptom_ratings(
    std::string_view text, const Instrument& checklist, const std::string& field,
    UnlistedSymptoms unlisted = UnlistedSymptoms::kNone);

}  // namespace taperlab
