#include "core/adapt/decide.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/adapt/series_stats.hpp"
#include "core/adapt/usual_level.hpp"
#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/drugs/catalog.hpp"

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

// Rule 1: red flags not yet answered by an urgent decision, in date order.
std::vector<const SymptomDay*> unanswered_red_flags(const DecisionInput& in) {
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
  std::sort(flagged.begin(), flagged.end(),
            [](const SymptomDay* a, const SymptomDay* b) { return a->date < b->date; });
  return flagged;
}

DecisionOutcome urgent(const DecisionInput& in, const std::vector<const SymptomDay*>& flagged) {
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

// The rule that decided (rules 2 to 6), in the order the rules apply: each later one has looked at
// more numbers, and the evidence records those of every stage it passed (evidence_of).
enum class Rule {
  kLastStep,
  kAlreadyDecided,
  kInsideSymptomWindow,
  kStepNotFinished,
  kSevereDay,
  kTooFewCheckIns,
  kNearUsual,
  kAboveUsual,
  kRising,
  kSecondHold,
};

const char* to_string(Rule rule) {
  switch (rule) {
    case Rule::kLastStep:
      return "last-step";
    case Rule::kAlreadyDecided:
      return "already-decided";
    case Rule::kInsideSymptomWindow:
      return "inside-symptom-window";
    case Rule::kStepNotFinished:
      return "step-not-finished";
    case Rule::kSevereDay:
      return "severe-day";
    case Rule::kTooFewCheckIns:
      return "too-few-check-ins";
    case Rule::kNearUsual:
      return "near-usual";
    case Rule::kAboveUsual:
      return "above-usual";
    case Rule::kRising:
      return "rising";
    case Rule::kSecondHold:
      return "second-hold";
  }
  return "";
}

std::optional<DecisionKind> kind_of(Rule rule) {
  switch (rule) {
    case Rule::kSevereDay:
    case Rule::kSecondHold:
      return DecisionKind::kSlow;
    case Rule::kTooFewCheckIns:
    case Rule::kAboveUsual:
    case Rule::kRising:
      return DecisionKind::kHold;
    case Rule::kNearUsual:
      return DecisionKind::kContinue;
    case Rule::kLastStep:
    case Rule::kAlreadyDecided:
    case Rule::kInsideSymptomWindow:
    case Rule::kStepNotFinished:
      break;
  }
  return std::nullopt;
}

struct SevereDay {
  CivilDate date;
  int highest_item_rating = 0;
  std::optional<double> symptom_share;
  bool by_item = false;   // an item rated very severe
  bool by_share = false;  // the share at or above the severe share
};

// What the rules found, filled as far as the deciding rule needed.
struct Findings {
  Rule rule = Rule::kLastStep;
  int window = 0;  // the symptom window of this step's cut, in days
  std::optional<CivilDate> due;
  std::optional<PastDecision> earlier;  // this step's latest decision, if any
  bool held = false;                    // ... a hold: the step is judged again after it
  CivilDate period_start;               // the step's start, or the day after its hold
  CivilDate judge_from;
  CivilDate judge_to;
  std::vector<SymptomDay> days;  // the journal, by date
  std::vector<SevereDay> severe;
  Judged judged;
  int too_few_answers = 0;  // check-ins with fewer than kMinAnsweredSymptoms: missing, not good
  std::optional<UsualLevel> usual;
  double margin = 0.0;
  int recent_n = 0;
  double recent_mean = 0.0;
  LineFit line;
  bool trend_judged = false;
  double t_critical = 0.0;
  bool rising = false;
  bool above = false;
  std::optional<PastDecision> previous;    // the last judging decision before today
  std::optional<PastDecision> one_before;  // the one before that
  bool held_last_time = false;
  bool held_last_cut = false;
};

// Rule 2's bookkeeping. A hold may be recorded as this same step made longer (its next cut moved
// later): the step is then judged again, on the days after the hold. Any other decision closes the
// step.
void find_step_decision(const DecisionInput& in, const DecisionThresholds& th, Findings& f) {
  for (const PastDecision& d : in.decisions) {
    if (d.step_index != in.step.index || d.date < in.step.start) continue;
    if (d.kind == DecisionKind::kUrgent || d.resume) continue;
    if (!f.earlier || d.date >= f.earlier->date) f.earlier = d;
  }
  f.judge_from = in.step.start.plus_days(f.window);
  f.period_start = in.step.start;
  f.held = f.earlier && f.earlier->kind == DecisionKind::kHold;
  if (f.held) {
    f.period_start = f.earlier->date.plus_days(1);
    f.judge_from = std::max(f.judge_from, f.period_start);
    f.due = std::max(*f.due, f.judge_from.plus_days(std::max(th.min_check_ins, 1) - 1));
  }
}

// Rule 3: a severe day anywhere in the step (since the hold, when it was held).
void find_severe_days(const DecisionInput& in, const DecisionThresholds& th, Findings& f) {
  for (const SymptomDay& d : f.days) {
    if (d.date < f.period_start || d.date > f.judge_to || d.date > in.today) continue;
    const bool item = d.highest_item_rating >= th.severe_item_rating;
    const bool share = d.symptom_share && *d.symptom_share >= th.severe_share;
    if (item || share)
      f.severe.push_back({d.date, d.highest_item_rating, d.symptom_share, item, share});
  }
}

// Rule 4: the check-ins after the symptom window that can be judged.
void collect_judged_days(const DecisionInput& in, Findings& f) {
  for (const SymptomDay& d : f.days) {
    if (d.date < f.judge_from || d.date > f.judge_to || d.date > in.today) continue;
    if (!d.symptom_share) {
      if (d.answered_items > 0) ++f.too_few_answers;
      continue;
    }
    f.judged.x_day.push_back(in.step.start.days_until(d.date));
    f.judged.share.push_back(*d.symptom_share);
    f.judged.dates.push_back(d.date.to_string());
  }
}

// Rule 5: the end of the step against the usual level, and the direction.
void compare_with_usual(const DecisionInput& in, const DecisionThresholds& th, Findings& f) {
  const int n = static_cast<int>(f.judged.share.size());
  f.usual = usual_level(f.days, in.first_cut, f.judge_to, th.baseline_min_check_ins);
  const double baseline = f.usual->share;  // there is at least one check-in here
  f.margin = std::max(th.margin_share, th.margin_relative * baseline);
  f.recent_n = std::min(n, th.recent_check_ins);
  const std::vector<double> recent(f.judged.share.end() - f.recent_n, f.judged.share.end());
  f.recent_mean = mean(recent);
  f.above = f.recent_mean > baseline + f.margin;
  f.line = fit_line(f.judged.x_day, f.judged.share);
  f.trend_judged = n >= th.min_check_ins_for_trend && f.line.has_se;
  f.t_critical = t_critical_95_one_sided(n - 2);
  f.rising = f.trend_judged && f.line.slope >= th.rising_slope_per_day &&
             f.line.slope > f.t_critical * f.line.slope_se;
}

// Rule 5's second hold: the last two decisions before today, urgent ones and resumes aside (they
// pause and end a pause, they do not judge). Two holds in a row: the previous decision was a hold
// (the held step is still not settled), or it was the "continue" that ended a held step (the
// previous cut needed a hold too). Without the second reading a person who needs a hold after
// every cut would never be slowed.
void recall_previous_decisions(const DecisionInput& in, Findings& f) {
  std::vector<PastDecision> before;
  for (const PastDecision& d : in.decisions) {
    if (d.kind != DecisionKind::kUrgent && !d.resume && d.date <= in.today) before.push_back(d);
  }
  std::stable_sort(before.begin(), before.end(),
                   [](const PastDecision& a, const PastDecision& b) { return a.date < b.date; });
  if (!before.empty()) f.previous = before.back();
  if (before.size() >= 2) f.one_before = before[before.size() - 2];
  f.held_last_time = f.previous && f.previous->kind == DecisionKind::kHold;
  f.held_last_cut = f.previous && f.previous->kind == DecisionKind::kContinue && f.one_before &&
                    f.one_before->kind == DecisionKind::kHold;
}

// The rules 2 to 6 (decide.hpp), in order: which one decides, and the numbers it looked at.
Findings apply_rules(const DecisionInput& in, const DecisionThresholds& th) {
  Findings f;
  f.window = window_for(in.step, in.acting);
  f.due = next_decision_date(in.step, in.acting, th.min_check_ins);
  if (!f.due) {
    f.rule = Rule::kLastStep;
    return f;
  }
  find_step_decision(in, th, f);
  if (f.earlier && (!f.held || f.earlier->date >= *f.due)) {
    f.rule = Rule::kAlreadyDecided;
    return f;
  }
  if (in.today < *f.due) {
    f.rule = in.today < in.step.start.plus_days(f.window) ? Rule::kInsideSymptomWindow
                                                          : Rule::kStepNotFinished;
    return f;
  }
  f.judge_to = *f.due;
  f.days = in.days;
  std::sort(f.days.begin(), f.days.end(),
            [](const SymptomDay& a, const SymptomDay& b) { return a.date < b.date; });

  find_severe_days(in, th, f);
  if (!f.severe.empty()) {
    f.rule = Rule::kSevereDay;
    return f;
  }
  collect_judged_days(in, f);
  if (static_cast<int>(f.judged.share.size()) < th.min_check_ins) {
    f.rule = Rule::kTooFewCheckIns;
    return f;
  }
  compare_with_usual(in, th, f);
  if (!f.above && !f.rising) {
    f.rule = Rule::kNearUsual;
    return f;
  }
  recall_previous_decisions(in, f);
  f.rule = (f.held_last_time || f.held_last_cut) ? Rule::kSecondHold
           : f.above                             ? Rule::kAboveUsual
                                                 : Rule::kRising;
  return f;
}

// The wording: the reason of each rule, in plain words with the numbers behind it.

const char* const kSlowWords =
    "slow down: stay on this dose for now, and make the next cuts smaller and the steps longer. "
    "Discuss it with your prescriber.";

std::string stay_words(const DecisionInput& in, const Findings& f) {
  const int stay_days = std::max(1, f.period_start.days_until(*in.step.next_cut));
  return "stay on this dose for another " + std::to_string(stay_days) + " days";
}

std::string not_due_reason(const DecisionInput& in, const Findings& f) {
  const std::string step_name = "step " + std::to_string(in.step.index);
  switch (f.rule) {
    case Rule::kLastStep:
      return "This is the last step of the plan: there is no next cut to decide.";
    case Rule::kAlreadyDecided:
      return "The decision for " + step_name + " was already made on " +
             f.earlier->date.to_string() + " (" + to_string(f.earlier->kind) + ").";
    case Rule::kInsideSymptomWindow:
      return "Symptoms after a cut of " + std::string(acting_words(in.acting)) +
             " can take up to " + std::to_string(f.window) +
             " days to appear, so it is too early to judge this cut. The decision for " +
             step_name + " is due on " + f.due->to_string() + ".";
    default:
      return "Step " + std::to_string(in.step.index) +
             " is not finished yet: its decision is due on " + f.due->to_string() + ".";
  }
}

std::string severe_day_reason(const Findings& f) {
  const SevereDay& d = f.severe.front();
  std::string first_severe =
      "On " + d.date.to_string() + " " +
      (d.by_item ? "you rated a symptom " + std::to_string(d.highest_item_rating) + " (very severe)"
                 : "your symptom score reached " + percent(*d.symptom_share));
  if (d.by_item && d.by_share)
    first_severe += " and your score reached " + percent(*d.symptom_share);
  return first_severe +
         (f.severe.size() > 1
              ? " (" + std::to_string(f.severe.size()) + " severe days in this step)"
              : "") +
         ". After a severe day, " + kSlowWords;
}

std::string too_few_reason(const DecisionInput& in, const DecisionThresholds& th,
                           const Findings& f) {
  const int n = static_cast<int>(f.judged.share.size());
  const std::string since =
      f.held ? "since the hold on " + f.earlier->date.to_string()
             : (f.window > 0
                    ? "since the symptom window of this cut ended on " + f.judge_from.to_string()
                    : "in this step");
  return (n == 0 ? std::string("No check-ins were")
                 : "Only " + std::to_string(n) + (n == 1 ? " check-in was" : " check-ins were")) +
         " logged " + since + " (" + std::to_string(th.min_check_ins) + " are needed)" +
         (f.too_few_answers == 0
              ? std::string()
              : "; " + std::to_string(f.too_few_answers) + " more had fewer than " +
                    std::to_string(kMinAnsweredSymptoms) + " symptoms answered, too few to count") +
         ", so there are too few check-ins to judge: " + stay_words(in, f) +
         ". taperlab never speeds up on missing data.";
}

// Rules 5 and 6: the recent score against the usual level, its direction, and what follows.
std::string level_reason(const DecisionInput& in, const Findings& f) {
  const int n = static_cast<int>(f.judged.share.size());
  const std::string usual_words =
      "your usual " + percent(f.usual->share) +
      (f.usual->source == UsualLevelSource::kWeekBeforeFirstCut ? " (the week before your taper)"
       : f.usual->source == UsualLevelSource::kCalmestWeek      ? " (your calmest week so far)"
                                                                : " (all your check-ins so far)");
  const std::string score_words = "Your symptom score over your last " +
                                  std::to_string(f.recent_n) + " check-ins averaged " +
                                  percent(f.recent_mean);
  if (f.rule == Rule::kNearUsual) {
    return score_words + ", within " + points(f.margin) + " of " + usual_words +
           (f.trend_judged ? ", and it is not rising" : "") +
           ", so go ahead with the next step as planned" +
           (*in.step.next_cut >= in.today ? " on " + in.step.next_cut->to_string() : "") + ".";
  }
  std::string why =
      score_words + (f.above ? " against " : ", within " + points(f.margin) + " of ") + usual_words;
  if (f.rising) {
    char slope_buf[64];
    std::snprintf(slope_buf, sizeof slope_buf, "%+.1f points a day", f.line.slope * 100.0);
    why += std::string(f.above ? ", and it is still rising (" : ", but it is rising (") +
           slope_buf + " over the last " + std::to_string(n) + " check-ins)";
  }
  if (f.rule == Rule::kSecondHold) {
    return why +
           (f.held_last_time ? ". This dose was already held on " + f.previous->date.to_string()
                             : ". Your previous cut needed a hold too (" +
                                   f.one_before->date.to_string() + ")") +
           ", so " + kSlowWords;
  }
  return why + ", so " + stay_words(in, f) + ".";
}

std::string reason_of(const DecisionInput& in, const DecisionThresholds& th, const Findings& f) {
  switch (f.rule) {
    case Rule::kLastStep:
    case Rule::kAlreadyDecided:
    case Rule::kInsideSymptomWindow:
    case Rule::kStepNotFinished:
      return not_due_reason(in, f);
    case Rule::kSevereDay:
      return severe_day_reason(f);
    case Rule::kTooFewCheckIns:
      return too_few_reason(in, th, f);
    case Rule::kNearUsual:
    case Rule::kAboveUsual:
    case Rule::kRising:
    case Rule::kSecondHold:
      return level_reason(in, f);
  }
  return {};
}

// The evidence: the numbers of every stage the deciding rule passed, for the record.
json evidence_of(const DecisionInput& in, const DecisionThresholds& th, const Findings& f) {
  json evidence = {{"today", in.today.to_string()},
                   {"step", step_json(in.step)},
                   {"acting", to_string(in.acting)},
                   {"window_days", f.window},
                   {"rule", to_string(f.rule)}};
  if (f.held) evidence["held_on"] = f.earlier->date.to_string();
  if (f.rule == Rule::kAlreadyDecided) evidence["decided_on"] = f.earlier->date.to_string();
  if (f.rule == Rule::kInsideSymptomWindow || f.rule == Rule::kStepNotFinished) {
    evidence["due_on"] = f.due->to_string();
  }
  if (f.rule < Rule::kSevereDay) return evidence;

  evidence["judged_from"] = f.judge_from.to_string();
  evidence["judged_to"] = f.judge_to.to_string();
  evidence["thresholds"] = {{"min_check_ins", th.min_check_ins},
                            {"recent_check_ins", th.recent_check_ins},
                            {"margin_share", th.margin_share},
                            {"margin_relative", th.margin_relative},
                            {"rising_slope_per_day", th.rising_slope_per_day},
                            {"severe_item_rating", th.severe_item_rating},
                            {"severe_share", th.severe_share}};
  json severe = json::array();
  for (const SevereDay& d : f.severe) {
    severe.push_back({{"date", d.date.to_string()},
                      {"highest_item_rating", d.highest_item_rating},
                      {"symptom_share", d.symptom_share ? json(*d.symptom_share) : json(nullptr)}});
  }
  evidence["severe_days"] = severe;
  if (f.rule < Rule::kTooFewCheckIns) return evidence;

  evidence["check_ins"] = static_cast<int>(f.judged.share.size());
  evidence["check_ins_too_few_answers"] = f.too_few_answers;
  if (f.rule < Rule::kNearUsual) return evidence;

  evidence["usual_level"] = {{"share", f.usual->share},
                             {"source", to_string(f.usual->source)},
                             {"from", f.usual->from.to_string()},
                             {"to", f.usual->to.to_string()},
                             {"check_ins", f.usual->check_ins}};
  evidence["margin_share"] = f.margin;
  evidence["recent_mean_share"] = f.recent_mean;
  evidence["recent_dates"] =
      std::vector<std::string>(f.judged.dates.end() - f.recent_n, f.judged.dates.end());
  evidence["slope_per_day"] = f.line.slope;
  evidence["slope_se"] = f.trend_judged ? json(f.line.slope_se) : json(nullptr);
  evidence["trend_judged"] = f.trend_judged;
  evidence["slope_t_critical"] = f.trend_judged ? json(f.t_critical) : json(nullptr);
  evidence["rising"] = f.rising;
  evidence["above_usual"] = f.above;
  if (f.rule < Rule::kAboveUsual) return evidence;

  auto decision_json = [](const std::optional<PastDecision>& d) {
    return d ? json{{"date", d->date.to_string()}, {"kind", to_string(d->kind)}} : json(nullptr);
  };
  evidence["previous_decision"] = decision_json(f.previous);
  evidence["decision_before_that"] = decision_json(f.one_before);
  return evidence;
}

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

// The rules decide which outcome (apply_rules), then the outcome is put in words (reason_of) and
// its numbers recorded (evidence_of), each from the same findings.
DecisionOutcome decide(const DecisionInput& in, const DecisionThresholds& th) {
  validate_days(in.days);
  if (in.today < in.step.start) {
    throw ValidationError("today",
                          "is before the step's start (" + in.step.start.to_string() + ")");
  }
  const std::vector<const SymptomDay*> flagged = unanswered_red_flags(in);
  if (!flagged.empty()) return urgent(in, flagged);

  const Findings f = apply_rules(in, th);
  DecisionOutcome out;
  out.kind = kind_of(f.rule);
  out.reason = reason_of(in, th, f);
  out.evidence = evidence_of(in, th, f);
  if (f.rule == Rule::kInsideSymptomWindow || f.rule == Rule::kStepNotFinished) out.due_on = f.due;
  return out;
}

}  // namespace taperlab::adapt
