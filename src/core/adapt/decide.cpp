#include "core/adapt/decide.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/adapt/series_stats.hpp"
#include "core/adapt/usual_level.hpp"
#include "core/drugs/catalog.hpp"
#include "core/base/error.hpp"
#include "core/base/text.hpp"

namespace taperlab::adapt {
namespace {

using nlohmann::json;

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", share * 100.0);
  return buf;
}

// Percentage points, e.g. "5 points" or "0.8 points".
std::string points(double share) {
  char buf[32];
  const double p = share * 100.0;
  std::snprintf(buf, sizeof buf, std::abs(p) < 10 ? "%.1f" : "%.0f", p);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s + (s == "1" ? " point" : " points");
}

const char* acting_words(ActingClass a) {
  switch (a) {
    case ActingClass::kShort:
      return "a short-acting drug";
    case ActingClass::kIntermediate:
      return "an intermediate-acting drug";
    case ActingClass::kLong:
      return "a long-acting drug";
  }
  return "this drug";
}

const char* red_flag_words(RedFlag f) {
  switch (f) {
    case RedFlag::kSeizure:
      return "a seizure";
    case RedFlag::kConfusion:
      return "confusion";
    case RedFlag::kHallucinations:
      return "hallucinations";
    case RedFlag::kSelfHarmThoughts:
      return "thoughts of harming yourself";
  }
  return "a warning sign";
}

void validate_days(const std::vector<SymptomDay>& days) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const SymptomDay& d = days[i];
    const std::string field = "days[" + std::to_string(i) + "]";
    if (d.symptom_share && !(*d.symptom_share >= 0.0 && *d.symptom_share <= 1.0)) {
      errors.push_back({field + ".symptom_share", "must lie between 0 and 1"});
    }
    if (d.highest_item_rating < 0 || d.highest_item_rating > 4) {
      errors.push_back({field + ".highest_item_rating", "must lie between 0 and 4"});
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

json step_json(const StepContext& s) {
  json j = {{"index", s.index},
            {"start", s.start.to_string()},
            {"cut_fraction", s.cut_fraction},
            {"followed_cut", s.followed_cut}};
  j["next_cut"] = s.next_cut ? json(s.next_cut->to_string()) : json(nullptr);
  return j;
}

int window_for(const StepContext& step, ActingClass acting) {
  // A hold step starts with no cut: nothing new to wait for.
  return (step.followed_cut || step.cut_fraction > 0) ? symptom_window_days(acting) : 0;
}

// Rule 1: red flags not yet answered by an urgent decision.
std::optional<DecisionOutcome> urgent(const DecisionInput& in) {
  std::optional<CivilDate> answered;
  for (const PastDecision& d : in.decisions) {
    if (d.kind == DecisionKind::kUrgent && (!answered || d.date > *answered)) answered = d.date;
  }
  std::vector<const SymptomDay*> flagged;
  for (const SymptomDay& d : in.days) {
    if (d.red_flags.empty() || d.date > in.today) continue;
    if (answered && d.date <= *answered) continue;
    flagged.push_back(&d);
  }
  if (flagged.empty()) return std::nullopt;
  std::sort(flagged.begin(), flagged.end(),
            [](const SymptomDay* a, const SymptomDay* b) { return a->date < b->date; });

  std::vector<std::string> what;
  json flags = json::array();
  bool self_harm = false;
  for (const SymptomDay* d : flagged) {
    for (RedFlag f : d->red_flags) {
      std::string w = std::string(red_flag_words(f)) + " on " + d->date.to_string();
      if (std::find(what.begin(), what.end(), w) == what.end()) what.push_back(w);
      flags.push_back({{"date", d->date.to_string()}, {"flag", to_string(f)}});
      self_harm = self_harm || f == RedFlag::kSelfHarmThoughts;
    }
  }
  DecisionOutcome out;
  out.kind = DecisionKind::kUrgent;
  out.reason = "You reported " + join_words(what) +
               ". This needs help now: call your local emergency number" +
               (self_harm ? " or a crisis line" : "") +
               ", or go to an emergency department, and tell your prescriber. Keep taking your "
               "current dose unless a clinician tells you otherwise. The taper plan is paused: no "
               "further cuts, for as long as it takes. It ends when you or your clinician resume "
               "the plan after a check-in on a later day without any of these signs.";
  out.evidence = json{{"rule", "red-flag"},
                      {"today", in.today.to_string()},
                      {"step", step_json(in.step)},
                      {"red_flags", flags},
                      {"plan_paused", true}};
  return out;
}

struct Judged {
  std::vector<double> x_day;  // days since the step's start
  std::vector<double> share;
  std::vector<std::string> dates;
};

}  // namespace

PastDecision past_decision(const Decision& decision) {
  const bool resume = decision.kind == DecisionKind::kContinue && decision.evidence->is_object() &&
                      decision.evidence->value("rule", std::string()) == kResumeRule;
  return PastDecision{decision.date, decision.kind, decision.step_index, resume};
}

int symptom_window_days(ActingClass acting) {
  switch (acting) {
    case ActingClass::kShort:
      return 2;  // RACGP: onset 1-2 days
    case ActingClass::kIntermediate:
      return 4;  // assumed: between the short- and long-acting windows (about 2-4 days)
    case ActingClass::kLong:
      return 7;  // RACGP: onset 3-7 days
  }
  return 7;
}

ActingClass longest_acting(const Regimen& regimen, const Catalog& catalog) {
  ActingClass longest = ActingClass::kShort;
  for (const DrugRegimen& d : regimen.drugs) {
    longest = std::max(longest, catalog.drug(d.drug_id).acting);
  }
  return longest;
}

std::optional<CivilDate> next_decision_date(const StepContext& step, ActingClass acting,
                                            int min_check_ins) {
  if (!step.next_cut) return std::nullopt;
  const CivilDate last_day = step.next_cut->plus_days(-1);
  const CivilDate earliest =
      step.start.plus_days(window_for(step, acting) + std::max(min_check_ins, 1) - 1);
  return std::max(last_day, earliest);
}

DecisionOutcome decide(const DecisionInput& in, const DecisionThresholds& th) {
  validate_days(in.days);
  if (in.today < in.step.start) {
    throw ValidationError("today",
                          "is before the step's start (" + in.step.start.to_string() + ")");
  }
  if (auto u = urgent(in)) return *u;

  const int window = window_for(in.step, in.acting);
  const std::string step_name = "step " + std::to_string(in.step.index);
  json evidence = {{"today", in.today.to_string()},
                   {"step", step_json(in.step)},
                   {"acting", to_string(in.acting)},
                   {"window_days", window}};

  // Rule 2: not yet due.
  DecisionOutcome wait;
  std::optional<CivilDate> due = next_decision_date(in.step, in.acting, th.min_check_ins);
  if (!due) {
    wait.reason = "This is the last step of the plan: there is no next cut to decide.";
    evidence["rule"] = "last-step";
    wait.evidence = evidence;
    return wait;
  }
  // A hold may be recorded as this same step made longer (its next cut moved later): the step is
  // then judged again, on the days after the hold. Any other decision closes the step.
  std::optional<PastDecision> earlier;
  for (const PastDecision& d : in.decisions) {
    if (d.step_index != in.step.index || d.date < in.step.start) continue;
    if (d.kind == DecisionKind::kUrgent || d.resume) continue;
    if (!earlier || d.date >= earlier->date) earlier = d;
  }
  CivilDate judge_from = in.step.start.plus_days(window);
  CivilDate period_start = in.step.start;
  if (earlier && earlier->kind == DecisionKind::kHold) {
    period_start = earlier->date.plus_days(1);
    judge_from = std::max(judge_from, period_start);
    due = std::max(*due, judge_from.plus_days(std::max(th.min_check_ins, 1) - 1));
    evidence["held_on"] = earlier->date.to_string();
  }
  if (earlier && (earlier->kind != DecisionKind::kHold || earlier->date >= *due)) {
    wait.reason = "The decision for " + step_name + " was already made on " +
                  earlier->date.to_string() + " (" + to_string(earlier->kind) + ").";
    evidence["rule"] = "already-decided";
    evidence["decided_on"] = earlier->date.to_string();
    wait.evidence = evidence;
    return wait;
  }
  if (in.today < *due) {
    if (in.today < in.step.start.plus_days(window)) {
      wait.reason = "Symptoms after a cut of " + std::string(acting_words(in.acting)) +
                    " can take up to " + std::to_string(window) +
                    " days to appear, so it is too early to judge this cut. The decision for " +
                    step_name + " is due on " + due->to_string() + ".";
      evidence["rule"] = "inside-symptom-window";
    } else {
      wait.reason = "Step " + std::to_string(in.step.index) +
                    " is not finished yet: its decision is due on " + due->to_string() + ".";
      evidence["rule"] = "step-not-finished";
    }
    evidence["due_on"] = due->to_string();
    wait.evidence = evidence;
    wait.due_on = due;
    return wait;
  }

  const CivilDate judge_to = *due;
  const int stay_days = std::max(1, period_start.days_until(*in.step.next_cut));
  const std::string stay = "stay on this dose for another " + std::to_string(stay_days) + " days";
  evidence["judged_from"] = judge_from.to_string();
  evidence["judged_to"] = judge_to.to_string();
  evidence["thresholds"] = {{"min_check_ins", th.min_check_ins},
                            {"recent_check_ins", th.recent_check_ins},
                            {"margin_share", th.margin_share},
                            {"margin_relative", th.margin_relative},
                            {"rising_slope_per_day", th.rising_slope_per_day},
                            {"severe_item_rating", th.severe_item_rating},
                            {"severe_share", th.severe_share}};

  std::vector<SymptomDay> days = in.days;
  std::sort(days.begin(), days.end(),
            [](const SymptomDay& a, const SymptomDay& b) { return a.date < b.date; });

  // Rule 3: a severe day anywhere in the step (since the hold, when it was held).
  json severe = json::array();
  std::string first_severe;
  for (const SymptomDay& d : days) {
    if (d.date < period_start || d.date > judge_to || d.date > in.today) continue;
    const bool item = d.highest_item_rating >= th.severe_item_rating;
    const bool share = d.symptom_share && *d.symptom_share >= th.severe_share;
    if (!item && !share) continue;
    severe.push_back({{"date", d.date.to_string()},
                      {"highest_item_rating", d.highest_item_rating},
                      {"symptom_share", d.symptom_share ? json(*d.symptom_share) : json(nullptr)}});
    if (first_severe.empty()) {
      first_severe =
          "On " + d.date.to_string() + " " +
          (item ? "you rated a symptom " + std::to_string(d.highest_item_rating) + " (very severe)"
                : "your symptom score reached " + percent(*d.symptom_share));
      if (item && share) first_severe += " and your score reached " + percent(*d.symptom_share);
    }
  }
  evidence["severe_days"] = severe;
  const std::string slow_words =
      "slow down: stay on this dose for now, and make the next cuts smaller and the steps longer. "
      "Discuss it with your prescriber.";
  if (!severe.empty()) {
    DecisionOutcome out;
    out.kind = DecisionKind::kSlow;
    out.reason =
        first_severe +
        (severe.size() > 1 ? " (" + std::to_string(severe.size()) + " severe days in this step)"
                           : "") +
        ". After a severe day, " + slow_words;
    evidence["rule"] = "severe-day";
    out.evidence = evidence;
    return out;
  }

  // Rule 4: enough check-ins after the window?
  Judged judged;
  int too_few_answers = 0;  // check-ins with fewer than kMinAnsweredSymptoms: missing, not good
  for (const SymptomDay& d : days) {
    if (d.date < judge_from || d.date > judge_to || d.date > in.today) continue;
    if (!d.symptom_share) {
      if (d.answered_items > 0) ++too_few_answers;
      continue;
    }
    judged.x_day.push_back(in.step.start.days_until(d.date));
    judged.share.push_back(*d.symptom_share);
    judged.dates.push_back(d.date.to_string());
  }
  const int n = static_cast<int>(judged.share.size());
  evidence["check_ins"] = n;
  evidence["check_ins_too_few_answers"] = too_few_answers;
  if (n < th.min_check_ins) {
    DecisionOutcome out;
    out.kind = DecisionKind::kHold;
    const std::string since = evidence.contains("held_on")
                                  ? "since the hold on " + earlier->date.to_string()
                                  : (window > 0 ? "since the symptom window of this cut ended on " +
                                                      judge_from.to_string()
                                                : "in this step");
    out.reason =
        (n == 0 ? std::string("No check-ins were")
                : "Only " + std::to_string(n) + (n == 1 ? " check-in was" : " check-ins were")) +
        " logged " + since + " (" + std::to_string(th.min_check_ins) + " are needed)" +
        (too_few_answers == 0
             ? std::string()
             : "; " + std::to_string(too_few_answers) + " more had fewer than " +
                   std::to_string(kMinAnsweredSymptoms) + " symptoms answered, too few to count") +
        ", so there are too few check-ins to judge: " + stay +
        ". taperlab never speeds up on missing data.";
    evidence["rule"] = "too-few-check-ins";
    out.evidence = evidence;
    return out;
  }

  // Rule 5: against the usual level, and the direction.
  const std::optional<UsualLevel> usual =
      usual_level(days, in.first_cut, judge_to, th.baseline_min_check_ins);
  const double baseline = usual->share;  // there is at least one check-in here
  const double margin = std::max(th.margin_share, th.margin_relative * baseline);
  const int recent_n = std::min(n, th.recent_check_ins);
  const std::vector<double> recent(judged.share.end() - recent_n, judged.share.end());
  const double recent_mean = mean(recent);
  const bool above = recent_mean > baseline + margin;
  const LineFit line = fit_line(judged.x_day, judged.share);
  const bool trend_judged = n >= th.min_check_ins_for_trend && line.has_se;
  const double t_critical = t_critical_95_one_sided(n - 2);
  const bool rising = trend_judged && line.slope >= th.rising_slope_per_day &&
                      line.slope > t_critical * line.slope_se;
  evidence["usual_level"] = {{"share", baseline},
                             {"source", to_string(usual->source)},
                             {"from", usual->from.to_string()},
                             {"to", usual->to.to_string()},
                             {"check_ins", usual->check_ins}};
  evidence["margin_share"] = margin;
  evidence["recent_mean_share"] = recent_mean;
  evidence["recent_dates"] =
      std::vector<std::string>(judged.dates.end() - recent_n, judged.dates.end());
  evidence["slope_per_day"] = line.slope;
  evidence["slope_se"] = trend_judged ? json(line.slope_se) : json(nullptr);
  evidence["trend_judged"] = trend_judged;
  evidence["slope_t_critical"] = trend_judged ? json(t_critical) : json(nullptr);
  evidence["rising"] = rising;
  evidence["above_usual"] = above;

  const std::string usual_words =
      "your usual " + percent(baseline) +
      (usual->source == UsualLevelSource::kWeekBeforeFirstCut ? " (the week before your taper)"
       : usual->source == UsualLevelSource::kCalmestWeek      ? " (your calmest week so far)"
                                                              : " (all your check-ins so far)");
  const std::string score_words = "Your symptom score over your last " + std::to_string(recent_n) +
                                  " check-ins averaged " + percent(recent_mean);
  char slope_buf[64];
  std::snprintf(slope_buf, sizeof slope_buf, "%+.1f points a day", line.slope * 100.0);

  DecisionOutcome out;
  if (above || rising) {
    // The last two decisions before today, urgent ones and resumes aside (they pause and end a
    // pause, they do not judge).
    std::vector<PastDecision> before;
    for (const PastDecision& d : in.decisions) {
      if (d.kind != DecisionKind::kUrgent && !d.resume && d.date <= in.today) before.push_back(d);
    }
    std::stable_sort(before.begin(), before.end(),
                     [](const PastDecision& a, const PastDecision& b) { return a.date < b.date; });
    const PastDecision* previous = before.empty() ? nullptr : &before.back();
    const PastDecision* one_before = before.size() < 2 ? nullptr : &before[before.size() - 2];
    // Two holds in a row: the previous decision was a hold (the held step is still not settled),
    // or it was the "continue" that ended a held step (the previous cut needed a hold too). Without
    // the second reading a person who needs a hold after every cut would never be slowed.
    const bool held_last_time = previous && previous->kind == DecisionKind::kHold;
    const bool held_last_cut = previous && previous->kind == DecisionKind::kContinue &&
                               one_before && one_before->kind == DecisionKind::kHold;
    auto decision_json = [](const PastDecision* d) {
      return d ? json{{"date", d->date.to_string()}, {"kind", to_string(d->kind)}} : json(nullptr);
    };
    evidence["previous_decision"] = decision_json(previous);
    evidence["decision_before_that"] = decision_json(one_before);
    std::string why =
        score_words + (above ? " against " : ", within " + points(margin) + " of ") + usual_words;
    if (rising) {
      why += std::string(above ? ", and it is still rising (" : ", but it is rising (") +
             slope_buf + " over the last " + std::to_string(n) + " check-ins)";
    }
    if (held_last_time || held_last_cut) {
      out.kind = DecisionKind::kSlow;
      out.reason = why +
                   (held_last_time ? ". This dose was already held on " + previous->date.to_string()
                                   : ". Your previous cut needed a hold too (" +
                                         one_before->date.to_string() + ")") +
                   ", so " + slow_words;
      evidence["rule"] = "second-hold";
    } else {
      out.kind = DecisionKind::kHold;
      out.reason = why + ", so " + stay + ".";
      evidence["rule"] = above ? "above-usual" : "rising";
    }
  } else {
    out.kind = DecisionKind::kContinue;
    out.reason = score_words + ", within " + points(margin) + " of " + usual_words +
                 (trend_judged ? ", and it is not rising" : "") +
                 ", so go ahead with the next step as planned" +
                 (*in.step.next_cut >= in.today ? " on " + in.step.next_cut->to_string() : "") +
                 ".";
    evidence["rule"] = "near-usual";
  }
  out.evidence = evidence;
  return out;
}

}  // namespace taperlab::adapt
