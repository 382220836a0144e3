#include "core/adapt/usual_level.hpp"

#include <algorithm>

#include "core/adapt/series_stats.hpp"

namespace taperlab::adapt {
namespace {

constexpr int kWeekDays = 7;

struct Logged {
  CivilDate date;
  double share;
};

// Check-ins in [from, to], in date order.
std::vector<double> shares_between(const std::vector<Logged>& logged, CivilDate from,
                                   CivilDate to) {
  std::vector<double> out;
  for (const Logged& l : logged) {
    if (l.date >= from && l.date <= to) out.push_back(l.share);
  }
  return out;
}

}  // namespace

const char* to_string(UsualLevelSource s) {
  switch (s) {
    case UsualLevelSource::kWeekBeforeFirstCut:
      return "week-before-first-cut";
    case UsualLevelSource::kCalmestWeek:
      return "calmest-week";
    case UsualLevelSource::kAllCheckIns:
      return "all-check-ins";
  }
  return "?";
}

std::optional<UsualLevel> usual_level(const std::vector<SymptomDay>& days,
                                      std::optional<CivilDate> first_cut, CivilDate today,
                                      int min_check_ins) {
  std::vector<Logged> logged;
  for (const SymptomDay& d : days) {
    if (d.symptom_share && d.date <= today) logged.push_back({d.date, *d.symptom_share});
  }
  if (logged.empty()) return std::nullopt;
  std::sort(logged.begin(), logged.end(),
            [](const Logged& a, const Logged& b) { return a.date < b.date; });

  if (first_cut) {
    const CivilDate from = first_cut->plus_days(-kWeekDays);
    const CivilDate to = first_cut->plus_days(-1);
    const std::vector<double> week = shares_between(logged, from, to);
    if (static_cast<int>(week.size()) >= min_check_ins) {
      return UsualLevel{median(week), UsualLevelSource::kWeekBeforeFirstCut, from, to,
                        static_cast<int>(week.size())};
    }
  }

  std::optional<UsualLevel> calmest;
  for (const Logged& end : logged) {
    const CivilDate from = end.date.plus_days(-(kWeekDays - 1));
    const std::vector<double> week = shares_between(logged, from, end.date);
    if (static_cast<int>(week.size()) < min_check_ins) continue;
    const double m = median(week);
    if (!calmest || m < calmest->share) {
      calmest = UsualLevel{m, UsualLevelSource::kCalmestWeek, from, end.date,
                           static_cast<int>(week.size())};
    }
  }
  if (calmest) return calmest;

  std::vector<double> all;
  for (const Logged& l : logged) all.push_back(l.share);
  return UsualLevel{median(all), UsualLevelSource::kAllCheckIns, logged.front().date,
                    logged.back().date, static_cast<int>(all.size())};
}

}  // namespace taperlab::adapt
