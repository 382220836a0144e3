#include "core/assess/reliable_change.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

namespace taperlab::assess {

const char* to_string(CognitiveChange change) {
  switch (change) {
    case CognitiveChange::kImproved:
      return "improved";
    case CognitiveChange::kWorse:
      return "worse";
    case CognitiveChange::kNoReliableChange:
      return "no reliable change";
  }
  return "no reliable change";
}

double reliable_change_index(double baseline, double score, double sd, double retest_r,
                             bool higher_is_better) {
  if (!(sd > 0) || !std::isfinite(sd)) {
    throw std::invalid_argument("reliable change index: SD must be positive");
  }
  if (!(retest_r >= 0 && retest_r < 1)) {
    throw std::invalid_argument("reliable change index: r must be in [0, 1)");
  }
  // The SD of the difference of two scores that differ by measurement error only.
  const double sd_difference = sd * std::sqrt(2.0 * (1.0 - retest_r));
  const double rci = (score - baseline) / sd_difference;
  return higher_is_better ? rci : -rci;
}

double reliable_change_index(const CognitiveTest& test, double baseline, double score) {
  return reliable_change_index(baseline, score, test.between_person_sd.value, test.retest_r.value,
                               test.higher_is_better);
}

CognitiveChange classify_change(double rci) {
  if (rci > kReliableChangeThreshold) return CognitiveChange::kImproved;
  if (rci < -kReliableChangeThreshold) return CognitiveChange::kWorse;
  return CognitiveChange::kNoReliableChange;
}

std::vector<SessionComparison> compare_with_baseline(const CognitiveTest& test,
                                                     std::span<const double> scores_in_date_order) {
  std::vector<SessionComparison> out;
  out.reserve(scores_in_date_order.size());
  for (std::size_t i = 0; i < scores_in_date_order.size(); ++i) {
    SessionComparison c;
    c.index = i;
    c.session_number = static_cast<int>(i) + 1;
    c.practice = c.session_number <= kPracticeSessions;
    if (!c.practice) {
      // The baseline is the second practice session alone: the largest practice gain comes
      // between sessions 1 and 2 (docs/tracking.md), so session 2 is the first score near the
      // plateau. Averaging sessions 1 and 2 would keep part of that gain in the baseline, and later
      // sessions would look better for practice alone.
      const double baseline = scores_in_date_order[kPracticeSessions - 1];
      c.baseline_score = baseline;
      c.rci = reliable_change_index(test, baseline, scores_in_date_order[i]);
      c.change = classify_change(*c.rci);
    }
    out.push_back(c);
  }
  return out;
}

std::optional<double> session_score(const CognitiveSession& session) {
  if (!session.result->is_object()) return std::nullopt;
  const auto it = session.result->find("score");
  if (it == session.result->end() || !it->is_number()) return std::nullopt;
  const double score = it->get<double>();
  if (!std::isfinite(score)) return std::nullopt;
  return score;
}

std::vector<SessionComparison> compare_sessions(const std::vector<CognitiveSession>& sessions) {
  std::vector<SessionComparison> out(sessions.size());
  // One series per test and device: a laptop's and a phone's timings differ by their hardware,
  // so only sessions on the same device are compared (docs/tracking.md).
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> series;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    out[i].index = i;
    if (find_cognitive_test(sessions[i].test_id) && session_score(sessions[i])) {
      series[{sessions[i].test_id, sessions[i].device}].push_back(i);
    }
  }
  for (auto& [key, members] : series) {
    std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
      const auto& x = sessions[a];
      const auto& y = sessions[b];
      return x.date != y.date ? x.date < y.date : x.id < y.id;
    });
    std::vector<double> scores;
    scores.reserve(members.size());
    for (std::size_t i : members) scores.push_back(*session_score(sessions[i]));
    const auto compared = compare_with_baseline(*find_cognitive_test(key.first), scores);
    for (std::size_t k = 0; k < members.size(); ++k) {
      out[members[k]] = compared[k];
      out[members[k]].index = members[k];
    }
  }
  return out;
}

}  // namespace taperlab::assess
