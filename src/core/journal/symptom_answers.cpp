#include "core/journal/symptom_answers.hpp"

#include <algorithm>

namespace taperlab {

SymptomAnswers symptom_answers(const std::map<std::string, int>& symptoms) {
  SymptomAnswers a;
  for (const auto& [item, rating] : symptoms) {
    const int r = std::clamp(rating, 0, kSymptomItemMax);
    ++a.answered;
    a.sum += r;
    a.highest_rating = std::max(a.highest_rating, r);
  }
  if (a.answered > 0) {
    a.share = static_cast<double>(a.sum) / (kSymptomItemMax * static_cast<double>(a.answered));
  }
  return a;
}

}  // namespace taperlab
