#pragma once

// Missing is not zero (docs/tracking.md): a check-in holds only the symptoms the person answered,
// and a day's symptom score is taken over those items alone. A day with too few answers does not
// stand for the day at all: it is shown with its count of answered items but left out of trends,
// insights and the plan's decisions, instead of being counted as a good (or a bad) day.

#include <map>
#include <optional>
#include <string>

namespace taperlab {

// The checklist's most severe rating per item ("very severe", docs/tracking.md).
inline constexpr int kSymptomItemMax = 4;

// At least this many answered items for a day's score to count: half of the shipped 22-item
// checklist (data/instruments/symptom-checklist.json; a test holds the two together). Assumed:
// people skip the items they feel least sure about, so a handful of answers says more about
// which items were picked than about the day; half keeps most of the checklist behind a score.
inline constexpr int kMinAnsweredSymptoms = 11;

struct SymptomAnswers {
  int answered = 0;        // items rated, 0 included
  int sum = 0;             // sum of their ratings
  int highest_rating = 0;  // the strongest single rating, 0 when none is above 0
  // sum / (kSymptomItemMax x answered), 0..1; absent when nothing was answered.
  std::optional<double> share;
  // Enough answers for the score to stand for the day (answered >= kMinAnsweredSymptoms).
  [[nodiscard]] bool counts() const { return answered >= kMinAnsweredSymptoms; }
  // The share where it counts, absent otherwise: what trends and decisions read.
  [[nodiscard]] std::optional<double> counted_share() const {
    return counts() ? share : std::nullopt;
  }
};

// Sums the answered ratings (each clamped to 0..kSymptomItemMax: the record is checked on the way
// in, this only keeps a bad row from breaking a share).
SymptomAnswers symptom_answers(const std::map<std::string, int>& symptoms);

}  // namespace taperlab
