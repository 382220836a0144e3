// `taperlab checkin [--symptoms "anxiety=2,insomnia=3,tremor=-"] [sleep, mood and habit options]
// [--red-flag NAME] [--notes TEXT] [--from-json FILE|-] [--replace] [--date D] [--db F] [--json]`:
// the daily check-in (docs/tracking.md). In a terminal with no answers given it asks each question.
// After storing it, the plan is reviewed: a decision may be due today.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands/commands.hpp"
#include "commands/journal_text.hpp"
#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"
#include "core/base/text.hpp"
#include "core/instruments/urgent_message.hpp"
#include "core/journal/records_json.hpp"
#include "io/data_dir.hpp"
#include "journal/check_ins.hpp"
#include "journal/people.hpp"
#include "journal_session.hpp"
#include "text_format.hpp"

namespace taperlab::cli {
namespace {

struct CheckInArgs {
  JournalArgs journal;
  std::string symptoms;
  std::optional<int> sleep_quality;
  std::string bedtime;
  std::string wake_time;
  std::optional<int> fall_asleep_minutes;
  std::optional<int> awakenings;
  std::optional<int> mood;
  std::optional<int> exercise_minutes;
  std::string exercise_kind;
  std::string meals;
  std::optional<int> caffeine;
  std::optional<double> alcohol;
  std::optional<int> relaxation_minutes;
  std::string therapy;
  std::string social;
  std::vector<std::string> red_flags;
  std::string notes;
  std::string from_json;
  bool replace = false;
  bool interactive = false;
  // What the items --symptoms does not list are: "none" for the flag (its documented meaning),
  // not answered for the questions asked one by one (Enter skips).
  UnlistedSymptoms unlisted = UnlistedSymptoms::kNone;
};

std::optional<bool> yes_no(const std::string& text, const std::string& field) {
  if (text.empty()) return std::nullopt;
  if (text == "yes" || text == "y") return true;
  if (text == "no" || text == "n") return false;
  throw ValidationError(field, "expected yes or no, got '" + text + "'");
}

bool answers_given(const CheckInArgs& a) {
  return !a.symptoms.empty() || a.sleep_quality || !a.bedtime.empty() || !a.wake_time.empty() ||
         a.fall_asleep_minutes || a.awakenings || a.mood || a.exercise_minutes ||
         !a.exercise_kind.empty() || !a.meals.empty() || a.caffeine || a.alcohol ||
         a.relaxation_minutes || !a.therapy.empty() || !a.social.empty() || !a.red_flags.empty() ||
         !a.notes.empty() || !a.from_json.empty();
}

// The flags as the same JSON a form or file would give, so one parser checks every field.
nlohmann::json flags_json(const CheckInArgs& a, const Instrument& checklist) {
  using nlohmann::json;
  json sleep = json::object();
  if (a.bedtime.size()) sleep["bedtime"] = a.bedtime;
  if (a.fall_asleep_minutes) sleep["minutes_to_fall_asleep"] = *a.fall_asleep_minutes;
  if (a.awakenings) sleep["awakenings"] = *a.awakenings;
  if (a.wake_time.size()) sleep["wake_time"] = a.wake_time;
  if (a.sleep_quality) sleep["quality"] = *a.sleep_quality;
  json habits = json::object();
  if (a.exercise_minutes) habits["exercise_minutes"] = *a.exercise_minutes;
  if (a.exercise_kind.size()) habits["exercise_kind"] = a.exercise_kind;
  if (a.meals.size()) {
    if (a.meals != "regular" && a.meals != "irregular") {
      throw ValidationError("--meals", "expected regular or irregular, got '" + a.meals + "'");
    }
    habits["regular_meals"] = a.meals == "regular";
  }
  if (a.caffeine) habits["caffeine_drinks"] = *a.caffeine;
  if (a.alcohol) habits["alcohol_units"] = *a.alcohol;
  if (a.relaxation_minutes) habits["relaxation_minutes"] = *a.relaxation_minutes;
  if (auto v = yes_no(a.therapy, "--therapy")) habits["therapy_session"] = *v;
  if (auto v = yes_no(a.social, "--social")) habits["social_contact"] = *v;
  json doc = {{"date", "2000-01-01"},  // replaced by --date
              {"symptoms", parse_symptom_ratings(a.symptoms, checklist, "--symptoms", a.unlisted)},
              {"sleep", sleep},
              {"habits", habits},
              {"red_flags", a.red_flags},
              {"notes", a.notes}};
  if (a.mood) doc["mood"] = *a.mood;
  return doc;
}

std::string ask(const std::string& question) {
  std::cout << question << " " << std::flush;
  std::string line;
  if (!std::getline(std::cin, line)) throw ValidationError("checkin", "no answer (end of input)");
  return std::string(trim(line));
}

// Interactive: one question at a time, Enter keeps the default or skips.
void ask_everything(CheckInArgs& a, const Instrument& checklist) {
  std::cout << "Daily check-in: about a minute. Press Enter to skip a question.\n"
            << wrap(checklist.validation_note)
            << "Rate each symptom today: 0 none, 1 mild, 2 moderate, 3 severe, 4 very severe.\n"
            << "Enter leaves a symptom not answered (not the same as 0, none).\n";
  std::string ratings;
  for (const auto& item : checklist.items) {
    for (;;) {
      const std::string answer = ask("  " + item.text + " [0-4, Enter to skip]:");
      if (answer.empty()) break;
      if (answer.size() == 1 && answer[0] >= '0' && answer[0] <= '4') {
        ratings += (ratings.empty() ? "" : ",") + item.id + "=" + answer;
        break;
      }
      std::cout << "  Please answer 0, 1, 2, 3 or 4.\n";
    }
  }
  a.symptoms = ratings;
  a.unlisted = UnlistedSymptoms::kSkipped;
  const auto number = [](const std::string& text, const std::string& field) -> std::optional<int> {
    if (text.empty()) return std::nullopt;
    try {
      std::size_t used = 0;
      const int v = std::stoi(text, &used);
      if (used == text.size()) return v;
    } catch (const std::exception&) {
    }
    throw ValidationError(field, "expected a whole number, got '" + text + "'");
  };
  a.bedtime = ask("Sleep: bedtime last night (HH:MM):");
  a.fall_asleep_minutes = number(ask("  minutes to fall asleep:"), "minutes to fall asleep");
  a.awakenings = number(ask("  times you woke in the night:"), "awakenings");
  a.wake_time = ask("  wake time (HH:MM):");
  a.sleep_quality = number(ask("  sleep quality, 0 (very poor) to 10 (very good):"), "quality");
  a.mood = number(ask("Mood today, 0 (very low) to 10 (very good):"), "mood");
  a.exercise_minutes = number(ask("Habits: minutes of exercise:"), "exercise minutes");
  a.meals = ask("  meals regular or irregular:");
  a.caffeine = number(ask("  caffeinated drinks:"), "caffeine");
  const std::string alcohol = ask("  alcohol units:");
  if (!alcohol.empty()) {
    try {
      std::size_t used = 0;
      a.alcohol = std::stod(alcohol, &used);
      if (used != alcohol.size()) throw std::invalid_argument(alcohol);
    } catch (const std::exception&) {
      throw ValidationError("alcohol units", "expected a number, got '" + alcohol + "'");
    }
  }
  a.relaxation_minutes = number(ask("  minutes of meditation or relaxation:"), "relaxation");
  a.therapy = ask("  a therapy session today (yes/no):");
  a.social = ask("  time with people you like (yes/no):");
  std::cout << "Since yesterday, have you had any of: a seizure, confusion, hallucinations, "
               "thoughts of harming yourself?\n";
  const std::string flags =
      ask("  Type any that apply (seizure, confusion, hallucinations, self-harm) or Enter:");
  if (!flags.empty()) a.red_flags = {flags};
  a.notes = ask("Anything else to note:");
}

// "symptom score 10 of 40 (25%), 10 of 22 answered": the sum over the answered items only.
std::string score_text(const SymptomScore& s) {
  const std::string answered =
      std::to_string(s.answered) + " of " + std::to_string(s.items) + " answered";
  if (!s.share) return "symptom checklist not answered (" + answered + ")";
  std::string text = "symptom score " + std::to_string(s.sum) + " of " + std::to_string(s.max) +
                     " (" + percent(*s.share, 0) + "), " + answered;
  if (!s.counts) {
    text += "; with fewer than " + std::to_string(kMinAnsweredSymptoms) +
            " answered, this score is kept but not used for your plan";
  }
  return text;
}

void print_result(CliContext& ctx, const journal::CheckInResult& r, const Instrument& checklist,
                  const std::string& country) {
  auto& out = ctx.out();
  // Any red flag first, as the web app's urgent screen: what to do now and the emergency number
  // (with thoughts of self-harm, the crisis message and its lines too).
  const bool medical = std::any_of(r.stored.red_flags.begin(), r.stored.red_flags.end(),
                                   [](RedFlag f) { return f != RedFlag::kSelfHarmThoughts; });
  if (medical) {
    // Each line wrapped to the screen's 100 columns; blank lines kept between the paragraphs.
    std::istringstream lines(
        urgent_message(ctx.crisis_directory(), country, r.stored.red_flags, r.stored.date));
    for (std::string line; std::getline(lines, line);) out << (line.empty() ? "\n" : wrap(line));
    out << "\n";
  } else if (r.crisis_message) {
    out << *r.crisis_message << "\n\n";
  }
  std::string saved = std::string("Check-in ") + (r.replaced ? "replaced" : "saved") + " for " +
                      r.stored.date.to_string() + ": " + score_text(r.score) + ".";
  if (!r.score.highest_item.empty()) {
    for (const auto& item : checklist.items) {
      if (item.id == r.score.highest_item) {
        saved += " Strongest: " + to_lower(item.text) + " (" +
                 std::to_string(r.score.highest_rating) + ").";
      }
    }
  }
  out << wrap(saved) << wrap(checklist.validation_note);
  const auto& review = r.review;
  if (review.decision) {
    out << decision_text(*review.decision);
    if (!review.plan_change.empty()) {
      out << wrap("Plan version " + std::to_string(review.new_version->version) + " from " +
                  review.new_version->effective_from.to_string() + ": " + review.plan_change);
    }
    if (review.decision->kind == DecisionKind::kUrgent) {
      out << wrap(
          "Your plan is paused: no further cuts. Keep taking your current dose; do not stop "
          "suddenly. After a check-in on a later day without these signs, you or your clinician "
          "can resume it (`taperlab resume`).");
    }
  } else if (review.outcome.due_on) {
    out << "Next review of your plan: " << review.outcome.due_on->to_string() << ".\n";
  }
}

void run_checkin(CliContext& ctx, CheckInArgs a) {
  JournalSession session(ctx, a.journal);
  const Person person = journal::require_person(session.repo());
  const Instrument& checklist = ctx.instruments().find("symptom-checklist");
  if (!answers_given(a)) {
    if (!isatty(STDIN_FILENO)) {
      throw ValidationError("--symptoms",
                            "give the check-in as options (see --help) or "
                            "--from-json FILE, or run it in a terminal");
    }
    ask_everything(a, checklist);
  }
  nlohmann::json doc;
  if (!a.from_json.empty()) {
    CheckInArgs others = a;
    others.from_json.clear();
    if (answers_given(others)) {
      // Options beside a file would be silently ignored: refuse instead.
      throw ValidationError("--from-json", "give the check-in as options or as a file, not both");
    }
  }
  CheckIn check_in;
  if (!a.from_json.empty()) {
    // Errors name the file and the member: "--from-json day.json: check_in.sleep.quality".
    const std::string file = a.from_json == "-" ? "standard input" : a.from_json;
    try {
      const std::string text = a.from_json == "-"
                                   ? std::string(std::istreambuf_iterator<char>(std::cin),
                                                 std::istreambuf_iterator<char>())
                                   : io::read_text_file(a.from_json, "--from-json");
      doc = json_fields::parse_document(text);
      if (doc.is_object() && !doc.contains("date")) doc["date"] = session.date().to_string();
      check_in = parse_check_in(doc, "check_in");
    } catch (const ValidationError& e) {
      if (e.errors().size() == 1 && e.errors().front().field == "--from-json") throw;
      throw io::file_error(e, file, "--from-json");
    }
  } else {
    doc = flags_json(a, checklist);
    doc["date"] = session.date().to_string();
    check_in = parse_check_in(doc, "check_in");
  }
  // The journal's own refusal names the API's field; here it is a flag.
  if (!a.replace && session.repo().check_in_on(person.id, check_in.date)) {
    throw Conflict("a check-in for " + check_in.date.to_string() +
                   " is already stored; use --replace to change it");
  }
  const auto result = journal::record_check_in(session.context(), person, check_in, a.replace);
  if (a.journal.json) {
    nlohmann::json out = {
        {"check_in", nlohmann::json::parse(check_in_json_text(result.stored))},
        {"symptom_sum", result.score.sum},
        {"symptom_max", result.score.max},
        {"symptom_share",
         result.score.share ? nlohmann::json(*result.score.share) : nlohmann::json(nullptr)},
        {"symptoms_answered", result.score.answered},
        {"symptom_items", result.score.items},
        {"symptom_score_counts", result.score.counts},
        {"replaced", result.replaced},
        {"crisis_message",
         result.crisis_message ? nlohmann::json(*result.crisis_message) : nlohmann::json(nullptr)},
        {"decision",
         result.review.decision ? to_json(*result.review.decision) : nlohmann::json(nullptr)},
        {"plan_change", result.review.plan_change},
        {"next_review", result.review.outcome.due_on
                            ? nlohmann::json(result.review.outcome.due_on->to_string())
                            : nlohmann::json(nullptr)}};
    ctx.out() << out.dump(2) << "\n";
    return;
  }
  print_result(ctx, result, checklist, person.profile.country);
}

}  // namespace

void add_checkin_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("checkin", "the daily check-in: symptoms, sleep, mood, habits");
  auto a = std::make_shared<CheckInArgs>();
  add_journal_options(cmd, a->journal, true);
  cmd->add_option("--symptoms", a->symptoms,
                  "ratings 0-4, e.g. \"anxiety=2,insomnia=3,tremor=-\" (unlisted symptoms count "
                  "0, none; item=- leaves one not answered)");
  cmd->add_option("--sleep-quality", a->sleep_quality, "0 (very poor) to 10 (very good)");
  cmd->add_option("--bedtime", a->bedtime, "HH:MM");
  cmd->add_option("--fall-asleep-min", a->fall_asleep_minutes, "minutes to fall asleep");
  cmd->add_option("--awakenings", a->awakenings, "times you woke in the night");
  cmd->add_option("--wake", a->wake_time, "wake time, HH:MM");
  cmd->add_option("--mood", a->mood, "0 (very low) to 10 (very good)");
  cmd->add_option("--exercise-min", a->exercise_minutes, "minutes of exercise");
  cmd->add_option("--exercise-kind", a->exercise_kind, "e.g. walk, swim");
  cmd->add_option("--meals", a->meals, "regular or irregular");
  cmd->add_option("--caffeine", a->caffeine, "caffeinated drinks");
  cmd->add_option("--alcohol", a->alcohol, "alcohol units");
  cmd->add_option("--relax-min", a->relaxation_minutes, "minutes of meditation or relaxation");
  cmd->add_option("--therapy", a->therapy, "a therapy session today: yes or no");
  cmd->add_option("--social", a->social, "time with people you like: yes or no");
  cmd->add_option("--red-flag", a->red_flags,
                  "seizure, confusion, hallucinations or self-harm (get help now)")
      ->delimiter(',');
  cmd->add_option("--notes", a->notes, "free notes (kept private)");
  cmd->add_option("--from-json", a->from_json, "read the check-in from a JSON file (- = stdin)");
  cmd->add_flag("--replace", a->replace, "replace the day's stored check-in");
  cmd->callback([&ctx, a] { run_checkin(ctx, *a); });
}

}  // namespace taperlab::cli
