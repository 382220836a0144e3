#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/text.hpp"
#include "core/dosing/regimen.hpp"
#include "report/insights_report.hpp"
#include "report/report_format.hpp"

namespace taperlab::report {
namespace {

using insight::AssociationStatus;
using insight::CutComparison;
using insight::Habit;
using insight::HabitAssociation;
using insight::HabitAssociations;
using insight::InsightSummary;
using insight::PeriodMean;
using insight::Trend;
using insight::TrendDirection;
using insight::TrendMeasure;

constexpr std::size_t kTextWidth = 100;

constexpr const char* kChecklistCaveat =
    "The symptom checklist is taperlab's own, not a validated scale.";

// How each measure is named and printed. `unit` follows a number ("6.2 points"); empty for
// counts and test scores, whose numbers speak for themselves.
struct MeasureText {
  const char* name;
  const char* scale;
  const char* unit;
  int decimals;
};

MeasureText measure_text(TrendMeasure m) {
  switch (m) {
    case TrendMeasure::kSymptoms:
      return {"Symptom score", "0-100, higher means more symptoms", "points", 1};
    case TrendMeasure::kSleepQuality:
      return {"Sleep quality", "0-10, higher is better", "points", 1};
    case TrendMeasure::kSleepTime:
      return {"Sleep time", "minutes from falling asleep to waking", "minutes", 0};
    case TrendMeasure::kAwakenings:
      return {"Night awakenings", "times woken in the night", "", 1};
    case TrendMeasure::kMood:
      return {"Mood", "0-10, higher is better", "points", 1};
    case TrendMeasure::kPhq9:
      return {"PHQ-9, depression", "0-27, higher means more symptoms", "points", 1};
    case TrendMeasure::kGad7:
      return {"GAD-7, anxiety", "0-21, higher means more symptoms", "points", 1};
    case TrendMeasure::kCognitive:
      return {"", "your own score on this test", "", 2};
  }
  return {"", "", "", 1};
}

// A number for people: `decimals` at most, trailing zeros dropped, never "-0". A small non-zero
// value that would round to 0 gets two more decimals, so that "0" always means zero.
std::string number_text(double x, int decimals) {
  std::string s = format_decimal(x, decimals);
  if ((s == "0" || s == "-0") && x != 0.0) s = format_decimal(x, decimals + 2);
  if (s == "-0") s = "0";
  return s;
}

std::string signed_text(double x, int decimals) {
  const std::string s = number_text(x, decimals);
  return (s != "0" && s.front() != '-') ? "+" + s : s;
}

std::string with_unit(const std::string& number, const char* unit) {
  return *unit == '\0' ? number : number + " " + unit;
}

std::string count_text(int n, const char* one, const char* many) {
  if (n == 0) return std::string("no ") + many;
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string mg_text(double mg) { return format_mg(mg) + " mg/day"; }

// Phrases that must not be split across lines ("p =" on one line and "0.012" on the next): their
// spaces become a placeholder that `wrap` sees as part of a word, restored by `wrap_text`.
constexpr char kGlue = '\x1f';

std::string glued(std::string text) {
  for (char& c : text) {
    if (c == ' ') c = kGlue;
  }
  return text;
}

std::string wrap_text(std::string_view text, std::string_view first_indent,
                      std::string_view rest_indent) {
  std::string out = wrap(text, kTextWidth, first_indent, rest_indent);
  for (char& c : out) {
    if (c == kGlue) c = ' ';
  }
  return out;
}

std::string p_text(double p) {
  return glued(p < 0.001 ? "p < 0.001" : fmt::format("p = {:.3f}", p));
}

std::string ci_label() { return glued("95% CI"); }

std::string dates_text(CivilDate from, CivilDate to) {
  return from.to_string() + " to " + to.to_string();
}

// "over the last 28 days (2027-01-18 to 2027-02-14)", or the whole period when it is shorter.
std::string window_text(const Trend& t, const char* last_what, int window_days) {
  const int days = t.window_from.days_until(t.window_to) + 1;
  if (days < window_days)
    return "over the whole period so far (" + dates_text(t.window_from, t.window_to) + ")";
  return std::string("over the last ") + last_what + " (" + dates_text(t.window_from, t.window_to) +
         ")";
}

const char* direction_text(TrendDirection d) {
  switch (d) {
    case TrendDirection::kNotEnoughData:
      return "not enough data yet";
    case TrendDirection::kRising:
      return "rising";
    case TrendDirection::kFalling:
      return "falling";
    case TrendDirection::kNoClearChange:
      return "no clear change";
  }
  return "";
}

std::string mean_text(const PeriodMean& m, const MeasureText& mt) {
  if (!m.mean) return "no values";
  return with_unit(number_text(*m.mean, mt.decimals), mt.unit) + " on average (" +
         count_text(m.n, "value", "values") + ")";
}

std::string cut_heading(const insight::CutMark& cut) {
  std::string s = "Cut on " + cut.date.to_string();
  if (cut.dose_before_mg && cut.dose_after_mg) {
    s += " (" + format_mg(*cut.dose_before_mg) + " to " + mg_text(*cut.dose_after_mg) + ")";
  } else if (cut.dose_after_mg) {
    s += " (to " + mg_text(*cut.dose_after_mg) + ")";
  }
  return s;
}

// "3 days before, 27.3 points on average (3 values)" or "3 days before, no values".
std::string cut_text(const CutComparison& c, const MeasureText& mt) {
  return cut_heading(c.cut) + ": 3 days before, " + mean_text(c.before, mt) +
         "; first 3 days on the new dose, " + mean_text(c.after, mt) + ".";
}

void append_trend(std::string& out, const Trend& t, const std::string& name) {
  const MeasureText mt = measure_text(t.measure);
  out += wrap_text(name + " (" + mt.scale + "): " + direction_text(t.direction), "  ", "    ");
  const bool cognitive = t.measure == TrendMeasure::kCognitive;
  const bool questionnaire = t.measure == TrendMeasure::kPhq9 || t.measure == TrendMeasure::kGad7;
  const char* noun = cognitive ? "session" : questionnaire ? "answer" : "value";
  const char* nouns = cognitive ? "sessions" : questionnaire ? "answers" : "values";
  if (t.fit && t.fit->slope_se == 0.0 && t.fit->slope != 0.0) {
    // With so few values a perfectly straight line happens (digit spans 5, 6, 7); its interval
    // has zero width, which says nothing about how much the next value could differ.
    out +=
        wrap_text("Change per week: " + with_unit(signed_text(t.fit->slope, mt.decimals), mt.unit) +
                      ", from " + count_text(t.n, noun, nouns) +
                      " that lie exactly on a straight line, so they cannot show how uncertain "
                      "this is.",
                  "    ", "      ");
  } else if (t.fit) {
    out +=
        wrap_text("Change per week: " + with_unit(signed_text(t.fit->slope, mt.decimals), mt.unit) +
                      " (" + ci_label() + " " + signed_text(t.fit->ci_low, mt.decimals) + " to " +
                      signed_text(t.fit->ci_high, mt.decimals) + "), from " +
                      count_text(t.n, noun, nouns) + ".",
                  "    ", "      ");
  } else if (t.n >= t.min_points) {
    out += wrap_text(count_text(t.n, noun, nouns) + ", all on one day; a trend needs " +
                         std::to_string(t.min_points) + " on different days.",
                     "    ", "      ");
  } else {
    std::string so_far = count_text(t.n, noun, nouns) + " so far";
    so_far[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(so_far[0])));
    out += wrap_text(so_far + "; a trend needs " + std::to_string(t.min_points) + ".", "    ",
                     "      ");
  }
  if (t.daily) {
    if (t.last_7_days.n > 0 || t.previous_7_days.n > 0) {
      out += wrap_text("Last 7 days: " + mean_text(t.last_7_days, mt) +
                           "; the 7 days before: " + mean_text(t.previous_7_days, mt) + ".",
                       "    ", "      ");
    }
    for (const CutComparison& c : t.cuts) {
      if (c.before.n > 0 || c.after.n > 0) out += wrap_text(cut_text(c, mt), "    ", "      ");
    }
  } else if (t.latest) {
    std::string line = "Latest: " + with_unit(number_text(t.latest->value, mt.decimals), mt.unit) +
                       " on " + t.latest->date.to_string();
    if (t.previous) {
      line +=
          "; the one before: " + with_unit(number_text(t.previous->value, mt.decimals), mt.unit) +
          " on " + t.previous->date.to_string();
    }
    out += wrap_text(line + ".", "    ", "      ");
  }
}

void append_reading_notes(std::string& out) {
  out += "\nHow to read this\n";
  const char* notes[] = {
      "These are patterns in your own journal. They describe what happened, not why, and they are "
      "not a diagnosis.",
      kChecklistCaveat,
      "A trend is called rising or falling only when its 95% confidence interval (CI) leaves out "
      "no change; otherwise it says no clear change. With fewer than 5 values it says not enough "
      "data yet. Days next to each other tend to be alike, so the intervals may be narrower than "
      "they should be: read them as a rough guide.",
      "Read each trend against your dose: symptoms may rise for a while after a cut and then "
      "settle.",
  };
  for (const char* note : notes) out += wrap_text(note, "  ", "  ");
}

void append_dose_line(std::string& out, const insight::DoseLine& line) {
  out += "\nDose line, " + dates_text(line.from, line.to) + " (diazepam-equivalent)\n";
  if (!line.first_mg) {
    out += "  No doses recorded in these days.\n";
  } else if (*line.first_mg == *line.last_mg && line.cuts.empty()) {
    out += wrap_text(mg_text(*line.first_mg) + " throughout.", "  ", "  ");
  } else {
    out += wrap_text("From " + format_mg(*line.first_mg) + " to " + mg_text(*line.last_mg) + ".",
                     "  ", "  ");
  }
  if (line.cuts.empty()) {
    out += "  No cuts in these days.\n";
  } else {
    for (const auto& cut : line.cuts) out += wrap_text(cut_heading(cut) + ".", "  ", "    ");
  }
  const int earlier = line.cuts_in_period - static_cast<int>(line.cuts.size());
  if (earlier > 0) {
    out += wrap_text(count_text(earlier, "earlier cut", "earlier cuts") + " before these days.",
                     "  ", "  ");
  }
}

void append_trends(std::string& out, const InsightSummary& s) {
  const Trend* first_daily = nullptr;
  const Trend* first_sparse = nullptr;
  for (const Trend& t : s.trends) {
    const Trend*& first = t.daily ? first_daily : first_sparse;
    if (first == nullptr) first = &t;
  }
  if (first_daily != nullptr) {
    out += "\nTrends " + window_text(*first_daily, "28 days", insight::kDailyWindowDays) + "\n";
    for (const Trend& t : s.trends) {
      if (t.daily) append_trend(out, t, measure_text(t.measure).name);
    }
  }
  if (first_sparse != nullptr) {
    out += "\nQuestionnaires " +
           window_text(*first_sparse, "12 weeks", insight::kQuestionnaireWindowDays) + "\n";
    for (const Trend& t : s.trends) {
      if (!t.daily) append_trend(out, t, measure_text(t.measure).name);
    }
  }
}

// The recovery phase's own trends, labelled as such (days after the last dose only).
void append_recovery(std::string& out, const InsightSummary& s) {
  if (!s.recovery) return;
  const auto& r = *s.recovery;
  out += "\nSince your last dose (recovery phase, " + dates_text(r.from, r.to) + ", " +
         std::to_string(r.from.days_until(r.to) + 1) + " days)\n";
  out += wrap_text(
      "These trends use only the days after your last dose, so the taper's ups and downs do not "
      "mix in. Recovery often takes months and is uneven.",
      "  ", "  ");
  for (const Trend& t : r.trends) append_trend(out, t, measure_text(t.measure).name);
}

void append_cognition(std::string& out, const InsightSummary& s) {
  out += "\nMemory and attention\n";
  if (s.cognition.empty()) {
    out += "  No memory and attention tests yet.\n";
    return;
  }
  for (const Trend& t : s.cognition) {
    std::string name = t.test_id;
    if (!t.device.empty()) name += " on " + t.device;
    append_trend(out, t, name + ", all sessions");
  }
  out += wrap_text(
      "Early sessions include practice gains (the largest between the first and second session), "
      "so a rise may partly be practice. Scores are compared only within one test on one device.",
      "  ", "  ");
}

struct HabitText {
  const char* name;    // "Exercise (20 minutes or more)"
  const char* clause;  // "you exercised 20 minutes or more"
  const char* noun;    // "exercise"
};

HabitText habit_text(Habit h) {
  switch (h) {
    case Habit::kExercise:
      return {"Exercise (20 minutes or more)", "you exercised 20 minutes or more", "exercise"};
    case Habit::kRegularMeals:
      return {"Regular meals", "you ate regular meals", "regular meals"};
    case Habit::kCaffeine:
      return {"Caffeine", "you had caffeine", "caffeine"};
    case Habit::kAlcohol:
      return {"Alcohol", "you drank alcohol", "alcohol"};
    case Habit::kRelaxation:
      return {"Meditation or relaxation (10 minutes or more)",
              "you meditated or relaxed 10 minutes or more", "relaxation"};
    case Habit::kTherapy:
      return {"Therapy session", "you had a therapy session", "therapy"};
    case Habit::kSocialContact:
      return {"Social contact", "you had social contact", "social contact"};
  }
  return {"", "", ""};
}

// "6.2 points lower", "3 points higher"; the size of a difference with its direction.
std::string points_text(double x) {
  return number_text(std::fabs(x), 1) + (x < 0 ? " points lower" : " points higher");
}

std::string ci_text(double low, double high) {
  if (high < 0) return number_text(-high, 1) + " to " + points_text(low);
  if (low > 0) return number_text(low, 1) + " to " + points_text(high);
  return points_text(low) + " to " + points_text(high);
}

std::string association_text(const HabitAssociation& a, int tested) {
  const HabitText ht = habit_text(a.habit);
  const insight::WelchResult& w = *a.welch;
  std::string size = number_text(w.difference, 1) == "0"
                         ? "about the same on average"
                         : points_text(w.difference) + " on average";
  std::string s = std::string("On days after ") + ht.clause + ", your symptom score was " + size +
                  " (" + ci_label() + " " + ci_text(w.ci_low, w.ci_high) + "; " +
                  std::to_string(a.n_with) + " days with, " + std::to_string(a.n_without) +
                  " without). This is an association, not proof that " + ht.noun + " caused it. " +
                  p_text(w.p);
  if (tested > 1) {
    s += "; corrected for testing " + std::to_string(tested) + " habits (Holm), " +
         p_text(*a.p_holm);
  }
  if (!a.survives_holm) return s + ": this may be chance.";
  return s + (tested > 1 ? ": this holds up after the correction."
                         : ": this is unlikely to be chance alone.");
  return s;
}

void append_habits(std::string& out, const HabitAssociations& h) {
  out += "\nHabits and next-day symptoms\n";
  std::string intro =
      "Each habit on one day is compared with your symptom score (0-100) on the next day. " +
      count_text(h.paired_days, "day is", "days are") + " followed by a day with a symptom score";
  if (h.paired_days < insight::kRecommendedDays) {
    intro += "; 30 or more are recommended for stable estimates, so these may still change a lot";
  }
  out += wrap_text(intro + ".", "  ", "  ");
  std::vector<std::string> standing_out;
  std::string no_days;  // habits with no day to compare at all, listed together
  for (const HabitAssociation& a : h.habits) {
    const HabitText ht = habit_text(a.habit);
    switch (a.status) {
      case AssociationStatus::kTested:
        out += wrap_text(association_text(a, h.tested), "  - ", "    ");
        if (a.survives_holm) standing_out.push_back(ht.noun);
        break;
      case AssociationStatus::kNotEnoughDays:
        if (a.n_with == 0 && a.n_without == 0) {
          no_days += (no_days.empty() ? "" : ", ") + std::string(ht.noun);
          break;
        }
        out += wrap_text(std::string(ht.name) + ": not enough days (" + std::to_string(a.n_with) +
                             " with, " + std::to_string(a.n_without) + " without; need 3 and 3).",
                         "  - ", "    ");
        break;
      case AssociationStatus::kNoVariation:
        out +=
            wrap_text(std::string(ht.name) + ": the next-day scores did not vary, so no interval " +
                          "can be given (" + std::to_string(a.n_with) + " days with, " +
                          std::to_string(a.n_without) + " without).",
                      "  - ", "    ");
        break;
    }
  }
  if (!no_days.empty()) {
    out += wrap_text("No days to compare yet (0 with, 0 without; need 3 and 3): " + no_days + ".",
                     "  - ", "    ");
  }
  if (h.tested > 1) {
    std::string verdict = "After correcting for testing " + std::to_string(h.tested) + " habits, ";
    if (standing_out.empty()) {
      verdict += "none of the differences holds up; they may be chance.";
    } else {
      verdict += std::to_string(standing_out.size()) +
                 (standing_out.size() == 1 ? " holds up:" : " hold up:");
      for (std::size_t i = 0; i < standing_out.size(); ++i) {
        verdict += (i == 0 ? " " : ", ") + standing_out[i];
      }
      verdict += ". Even so, an association is not proof of cause.";
    }
    out += wrap_text(verdict, "  ", "  ");
  }
  out += wrap_text(
      "Exercise of 20 minutes or more and relaxation of 10 minutes or more are thresholds "
      "taperlab assumes, not established cut-offs.",
      "  ", "  ");
}

// JSON helpers: absent values are null.
nlohmann::json opt(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json period_json(const PeriodMean& m) {
  return {
      {"from", m.from.to_string()}, {"to", m.to.to_string()}, {"n", m.n}, {"mean", opt(m.mean)}};
}

nlohmann::json cut_json(const insight::CutMark& c) {
  return {{"date", c.date.to_string()},
          {"dose_before_mg", opt(c.dose_before_mg)},
          {"dose_after_mg", opt(c.dose_after_mg)}};
}

nlohmann::json dated_json(const std::optional<insight::DatedValue>& v) {
  if (!v) return nullptr;
  return {{"date", v->date.to_string()}, {"value", v->value}};
}

nlohmann::json trend_json(const Trend& t) {
  const MeasureText mt = measure_text(t.measure);
  nlohmann::json j = {
      {"measure", insight::to_string(t.measure)},
      {"scale", mt.scale},
      {"unit", mt.unit},
      {"window", {{"from", t.window_from.to_string()}, {"to", t.window_to.to_string()}}},
      {"n", t.n},
      {"min_points", t.min_points},
      {"direction", insight::to_string(t.direction)},
      {"slope_per_week", nullptr},
      {"ci95_per_week", nullptr},
      {"df", nullptr}};
  if (t.measure == TrendMeasure::kCognitive) {
    j["test_id"] = t.test_id;
    j["device"] = t.device;
  }
  if (t.fit) {
    j["slope_per_week"] = t.fit->slope;
    j["ci95_per_week"] = {t.fit->ci_low, t.fit->ci_high};
    j["df"] = t.fit->df;
  }
  if (t.daily) {
    j["last_7_days"] = period_json(t.last_7_days);
    j["previous_7_days"] = period_json(t.previous_7_days);
    j["cuts"] = nlohmann::json::array();
    for (const CutComparison& c : t.cuts) {
      nlohmann::json cj = cut_json(c.cut);
      cj["before"] = period_json(c.before);
      cj["after"] = period_json(c.after);
      j["cuts"].push_back(cj);
    }
  } else {
    j["latest"] = dated_json(t.latest);
    j["previous"] = dated_json(t.previous);
  }
  return j;
}

nlohmann::json habit_json(const HabitAssociation& a) {
  nlohmann::json j = {{"habit", insight::to_string(a.habit)},
                      {"definition", habit_text(a.habit).name},
                      {"status", insight::to_string(a.status)},
                      {"n_with", a.n_with},
                      {"n_without", a.n_without}};
  for (const char* key : {"mean_with", "mean_without", "difference", "ci95", "df", "t", "p"}) {
    j[key] = nullptr;
  }
  if (a.welch) {
    const insight::WelchResult& w = *a.welch;
    j["mean_with"] = w.mean_a;
    j["mean_without"] = w.mean_b;
    j["difference"] = w.difference;
    j["ci95"] = {w.ci_low, w.ci_high};
    j["df"] = w.df;
    j["t"] = w.t;
    j["p"] = w.p;
  }
  j["p_holm"] = opt(a.p_holm);
  j["survives_holm"] = a.survives_holm;
  return j;
}

}  // namespace

std::string insights_text(const InsightSummary& summary) {
  if (!summary.period_from || !summary.period_to) {
    return "Insights\n" +
           wrap_text("Nothing in the journal yet. Insights appear after a few days of check-ins.",
                     "  ", "  ");
  }
  std::string out = "Insights from " + dates_text(*summary.period_from, *summary.period_to) + " (" +
                    std::to_string(summary.period_from->days_until(*summary.period_to) + 1) +
                    " days)\n";
  append_reading_notes(out);
  append_dose_line(out, summary.dose_line);
  append_trends(out, summary);
  append_recovery(out, summary);
  append_cognition(out, summary);
  append_habits(out, summary.habits);
  return out;
}

nlohmann::json insights_json(const InsightSummary& summary) {
  nlohmann::json j;
  j["period"] = nullptr;
  if (summary.period_from && summary.period_to) {
    j["period"] = {{"from", summary.period_from->to_string()},
                   {"to", summary.period_to->to_string()}};
  }
  const insight::DoseLine& d = summary.dose_line;
  j["dose_line"] = {{"from", d.from.to_string()},      {"to", d.to.to_string()},
                    {"first_mg", opt(d.first_mg)},     {"last_mg", opt(d.last_mg)},
                    {"cuts", nlohmann::json::array()}, {"cuts_in_period", d.cuts_in_period}};
  for (const auto& c : d.cuts) j["dose_line"]["cuts"].push_back(cut_json(c));
  if (!summary.period_from) j["dose_line"] = nullptr;
  j["trends"] = nlohmann::json::array();
  for (const Trend& t : summary.trends) j["trends"].push_back(trend_json(t));
  // Only after the last dose, so that the taper's documents stay as they were.
  if (summary.recovery) {
    nlohmann::json trends = nlohmann::json::array();
    for (const Trend& t : summary.recovery->trends) trends.push_back(trend_json(t));
    j["recovery"] = {{"label", "recovery phase: days after the last dose only"},
                     {"from", summary.recovery->from.to_string()},
                     {"to", summary.recovery->to.to_string()},
                     {"trends", trends}};
  }
  j["cognition"] = nlohmann::json::array();
  for (const Trend& t : summary.cognition) j["cognition"].push_back(trend_json(t));
  const HabitAssociations& h = summary.habits;
  j["habits"] = {{"lag_days", 1},
                 {"outcome", "next-day symptom score, 0-100"},
                 {"paired_days", h.paired_days},
                 {"recommended_days", insight::kRecommendedDays},
                 {"min_days_per_side", insight::kMinDaysPerSide},
                 {"tested", h.tested},
                 {"correction", "holm"},
                 {"alpha", insight::kHolmAlpha},
                 {"results", nlohmann::json::array()}};
  for (const HabitAssociation& a : h.habits) j["habits"]["results"].push_back(habit_json(a));
  j["notes"] = {kChecklistCaveat, "Habit results are associations, not proof of cause.",
                "Exercise >= 20 minutes and relaxation >= 10 minutes are assumed thresholds."};
  return j;
}

}  // namespace taperlab::report
