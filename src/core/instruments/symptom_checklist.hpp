#pragma once

// The daily symptom checklist (tracking.md): 22 items rated 0-4, scored as the sum shown as a
// share of its maximum. taperlab's own checklist, not a validated scale (the instrument's
// validation_note says so, for the interface to show).

#include <map>
#include <string>
#include <string_view>

#include "core/instruments/instrument.hpp"
#include "core/journal/records.hpp"

namespace taperlab {

// A rating of 3 ("severe") or more counts as a severe item.
inline constexpr int kSevereSymptomRating = 3;

struct SymptomScore {
  int sum = 0;
  int max = 0;         // 88 for the shipped checklist
  double share = 0.0;  // sum / max, 0..1
  int highest_rating = 0;
  std::string highest_item;  // the first item with the highest rating; empty when all are 0
  int severe_items = 0;      // items rated kSevereSymptomRating or more
};

// Scores a check-in's ratings against the checklist. Ratings of ids the checklist does not list
// are ignored (a check-in stored under an older checklist may have them); missing items count 0.
// Ratings are expected to be valid (validate_symptom_items) and are not checked again.
SymptomScore symptom_score(const CheckIn& check_in, const Instrument& checklist);
SymptomScore symptom_score(const std::map<std::string, int>& ratings, const Instrument& checklist);

// Throws one ValidationError listing every problem: an unknown item id ("field.anxeity": "unknown
// symptom 'anxeity'; did you mean anxiety?") or a rating out of range ("field.anxiety": "expected
// 0 to 4, got 7").
void validate_symptom_items(const std::map<std::string, int>& ratings, const Instrument& checklist,
                            const std::string& field);

// "anxiety=2, insomnia=3" -> every checklist item, unlisted ones 0, for the CLI. Ids are matched
// ignoring case. Malformed pairs, repeated ids, unknown ids and bad ratings name `field`.
std::map<std::string, int> parse_symptom_ratings(std::string_view text, const Instrument& checklist,
                                                 const std::string& field);

}  // namespace taperlab
