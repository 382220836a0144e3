// A whole taper lived through the real CLI: 120 days of dose logs and check-ins from a simulated
// person whose symptoms follow the model's withdrawal pressure, checking the decisions the plan
// makes, that everything is stored and exported, and that bad input changes nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <random>

#include "cli_runner.hpp"
#include "core/model/daily_course.hpp"
#include "core/drugs/catalog.hpp"
#include "core/base/civil_date.hpp"
#include "core/dosing/regimen.hpp"
#include "core/model/simulation.hpp"
#include "io/data_dir.hpp"

namespace taperlab {
namespace {

using nlohmann::json;
using testing::Cli;
using testing::CliResult;

const std::filesystem::path kBinary = TAPERLAB_CLI;

// The 22 checklist items in order: points are spread over them, at most 3 each, so that a
// simulated day is never "severe" by a single very severe item.
const std::vector<std::string> kItems = {"anxiety",
                                         "insomnia",
                                         "irritability",
                                         "restlessness",
                                         "poor-concentration",
                                         "fatigue",
                                         "muscle-tension",
                                         "low-mood",
                                         "panic",
                                         "headache",
                                         "tremor",
                                         "sweating",
                                         "palpitations",
                                         "dizziness",
                                         "nausea",
                                         "nightmares",
                                         "twitching",
                                         "tinnitus",
                                         "memory-problems",
                                         "light-sound-sensitivity",
                                         "numbness-tingling",
                                         "depersonalisation"};

std::string symptom_text(double share) {
  int points = static_cast<int>(std::lround(share * 88.0));
  std::string text;
  for (const auto& item : kItems) {
    if (points <= 0) break;
    const int rating = std::min(3, points);
    points -= rating;
    text += (text.empty() ? "" : ",") + item + "=" + std::to_string(rating);
  }
  return text.empty() ? "anxiety=0" : text;
}

struct Scenario {
  double s0 = 0.08;  // symptom share with no withdrawal
  double s1 = 15.0;  // share per unit of withdrawal pressure
  double noise_sd = 0.02;
  int days = 120;
  std::uint64_t seed = 7;
  std::string cut = "10%";  // the plan's cut every 14 days
};

struct Outcome {
  std::vector<std::pair<std::string, std::string>> decisions;  // date, kind
  json final_today;
  int plan_versions = 0;
  int doses_logged = 0;  // taken and missed
};

class ScriptedTaper : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("taperlab-scripted-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
    setenv("TAPERLAB_DATA_DIR", TAPERLAB_TEST_DATA_DIR, 1);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  static std::string date(int day) {
    return CivilDate{std::chrono::sys_days{std::chrono::year{2026} / 1 / 5} +
                     std::chrono::days{day}}
        .to_string();
  }

  // Day 0 is the first check-in; the plan (a cut of the current dose every 14 days) starts on
  // day 7, so the first week is the person's usual level.
  Outcome live(Cli& cli, const Scenario& s) {
    const Catalog catalog = io::load_catalog(TAPERLAB_TEST_DATA_DIR);
    Simulator simulator(catalog, catalog.default_table(), ModelParameters{});
    std::mt19937_64 rng(s.seed);
    std::normal_distribution<double> noise(0.0, s.noise_sd);
    SimulationRequest taken;
    add_drug(taken.steady_state,
             parse_drug_regimen("clonazepam 0.5mg@08:00, 0.5mg@20:00", catalog));

    cli.set_today(date(0));
    CliResult r = cli.run("init",
                          "--regimen 'clonazepam 0.5mg@08:00, 0.5mg@20:00' --age 52 "
                          "--sex female --country UK");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    r = cli.run("plan", "--strategy fraction --cut " + s.cut + " --every 14d --start " + date(7) +
                            " --save");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Saved as plan version 1"), std::string::npos) << r.output;

    Outcome outcome;
    for (int day = 0; day < s.days; ++day) {
      cli.set_today(date(day));
      r = cli.run("today", "--json");
      EXPECT_EQ(r.exit_code, 0) << r.output;
      const json today = r.json();
      for (const auto& dose : today.at("doses")) {
        const std::string time = dose.at("time");
        if (day == 40 && time == "08:00") {
          r = cli.run("take", "--status missed --planned-time 08:00");
          EXPECT_EQ(r.exit_code, 0) << r.output;
          ++outcome.doses_logged;
          continue;
        }
        r = cli.run("take", "--planned-time " + time + " --time " + time);
        EXPECT_EQ(r.exit_code, 0) << r.output;
        ++outcome.doses_logged;
        const double hours = std::stoi(time.substr(0, 2)) + std::stoi(time.substr(3, 2)) / 60.0;
        taken.doses.push_back(
            DoseEvent{day * 24.0 + hours, dose.at("drug"), dose.at("dose_mg").get<double>()});
      }
      taken.duration_h = (day + 1) * 24.0;
      taken.output_step_h = 1.0;
      const auto daily = daily_means(simulator.run(taken));
      const double w = daily.withdrawal.at(static_cast<std::size_t>(day));
      const double share = std::clamp(s.s0 + s.s1 * w + noise(rng), 0.0, 1.0);
      const int quality = std::clamp(static_cast<int>(std::lround(8 - 10 * share)), 0, 10);
      const std::string exercise = day % 3 == 0 ? "30" : "0";
      r = cli.run("checkin", "--symptoms " + symptom_text(share) + " --sleep-quality " +
                                 std::to_string(quality) + " --mood " + std::to_string(quality) +
                                 " --exercise-min " + exercise + " --meals regular --json");
      EXPECT_EQ(r.exit_code, 0) << r.output;
      const json result = r.json();
      if (!result.at("decision").is_null()) {
        outcome.decisions.emplace_back(date(day), result.at("decision").at("kind"));
      }
      if (day % 14 == 3) {
        r = cli.run("questionnaire", "phq9 --answers 1,1,0,1,0,0,0,0,0");
        EXPECT_EQ(r.exit_code, 0) << r.output;
        EXPECT_EQ(r.output.find("116 123"), std::string::npos)
            << "no crisis message for item 9 = 0";
      }
    }
    r = cli.run("today", "--json");
    outcome.final_today = r.json();
    outcome.plan_versions = outcome.final_today.at("plan_version").get<int>();
    return outcome;
  }

  std::filesystem::path folder_;
};

int count(const Outcome& o, const std::string& kind) {
  return static_cast<int>(std::count_if(o.decisions.begin(), o.decisions.end(),
                                        [&](const auto& d) { return d.second == kind; }));
}

std::string describe(const Outcome& o) {
  std::string out;
  for (const auto& [day, kind] : o.decisions) out += day + " " + kind + "\n";
  return out;
}

TEST_F(ScriptedTaper, MildPersonContinuesThroughEveryStep) {
  Cli cli(kBinary, folder_ / "mild.db");
  const Outcome o = live(cli, Scenario{.s1 = 1.0});
  std::cout << "mild person's decisions:\n" << describe(o);
  EXPECT_GE(count(o, "continue"), 6) << describe(o);
  EXPECT_EQ(count(o, "hold") + count(o, "slow") + count(o, "urgent"), 0) << describe(o);
  EXPECT_EQ(o.plan_versions, 1);
}

// The planned diazepam-equivalent dose on each day of a stored plan document.
double planned_dose_on(const json& plan, int day) {
  double dose = plan.at("start_diazepam_equivalent_mg").get<double>();
  for (const auto& step : plan.at("steps")) {
    if (step.at("day").get<int>() <= day) dose = step.at("diazepam_equivalent_mg").get<double>();
  }
  return dose;
}

// In this model a 10% cut every 14 days gives almost no withdrawal pressure until late in a taper
// (the first cuts cost little), so the strongly reacting person follows the rate cap's pace,
// 25% every 14 days, where pressure appears after about two months.
TEST_F(ScriptedTaper, StrongReactorGetsHoldsAndASlowerPlan) {
  Cli cli(kBinary, folder_ / "strong.db");
  const Outcome o = live(cli, Scenario{.s1 = 30.0, .cut = "25%"});
  std::cout << "strong reactor's decisions:\n" << describe(o);
  EXPECT_GE(count(o, "continue"), 2) << describe(o);
  EXPECT_GE(count(o, "hold"), 1) << describe(o);
  EXPECT_GE(count(o, "slow"), 1) << describe(o);
  EXPECT_EQ(count(o, "urgent"), 0) << describe(o);
  EXPECT_GE(o.plan_versions, 3) << describe(o);

  // Every stored version obeys the rate cap, and each revision only ever keeps a dose for longer:
  // on every day, the new version's planned dose is at least the old one's.
  const CliResult exported = cli.run("export", "--format json");
  ASSERT_EQ(exported.exit_code, 0);
  const json versions = exported.json().at("plan_versions");
  for (std::size_t v = 0; v < versions.size(); ++v) {
    const json& plan = versions[v].at("plan");
    for (const auto& step : plan.at("steps")) {
      if (step.at("kind") == "stop") continue;
      EXPECT_LE(step.at("cut_fraction").get<double>(), 0.25 + 1e-9)
          << "version " << v + 1 << " step " << step.at("index");
    }
    if (v == 0) continue;
    const json& before = versions[v - 1].at("plan");
    const int days = std::max(plan.at("total_days").get<int>(), before.at("total_days").get<int>());
    for (int day = 0; day <= days; ++day) {
      ASSERT_GE(planned_dose_on(plan, day) + 1e-9, planned_dose_on(before, day))
          << "version " << v + 1 << " cuts faster than version " << v << " on day " << day;
    }
  }
}

TEST_F(ScriptedTaper, EverythingStoredRoundTripsThroughExportAndImport) {
  Cli cli(kBinary, folder_ / "journal.db");
  const Outcome lived = live(cli, Scenario{.s1 = 30.0, .days = 60, .cut = "25%"});
  const CliResult first = cli.run("export", "--format json");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const json doc = first.json();
  EXPECT_EQ(doc.at("check_ins").size(), 60u);
  EXPECT_EQ(doc.at("doses").size(), static_cast<std::size_t>(lived.doses_logged));
  EXPECT_GE(doc.at("questionnaire_responses").size(), 4u);
  EXPECT_GE(doc.at("decisions").size(), 3u);

  const auto file = folder_ / "export.json";
  {
    std::ofstream out(file);
    out << first.output;
  }
  const auto copy = (folder_ / "copy.db").string();
  CliResult r = cli.run("import", testing::shell_quote(file.string()), copy);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const CliResult second = cli.run("export", "--format json", copy);
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_EQ(first.output, second.output);

  // Importing twice into the same database is refused and changes nothing.
  r = cli.run("import", testing::shell_quote(file.string()), copy);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(cli.run("export", "--format json", copy).output, first.output);

  // A malformed document names the field and leaves the new database empty.
  json broken = doc;
  broken["check_ins"][3]["sleep"]["quality"] = 11;
  broken["doses"][0]["drug_id"] = "clonazepan";
  const auto broken_file = folder_ / "broken.json";
  {
    std::ofstream out(broken_file);
    out << broken.dump();
  }
  const auto empty = (folder_ / "empty.db").string();
  r = cli.run("import", testing::shell_quote(broken_file.string()), empty);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("doses[0].drug_id"), std::string::npos) << r.output;
  broken["doses"][0]["drug_id"] = "clonazepam";
  {
    std::ofstream out(broken_file);
    out << broken.dump();
  }
  r = cli.run("import", testing::shell_quote(broken_file.string()), empty);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("check_ins[3].sleep.quality"), std::string::npos) << r.output;
  EXPECT_NE(cli.run("today", "", empty).output.find("taperlab init"), std::string::npos);

  const CliResult csv = cli.run("export", "--format csv");
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_EQ(std::count(csv.output.begin(), csv.output.end(), '\n'), 61);  // header + 60 days
}

TEST_F(ScriptedTaper, ThoughtsOfSelfHarmShowCrisisNumbersAndPauseThePlan) {
  Cli cli(kBinary, folder_ / "crisis.db");
  cli.set_today(date(0));
  ASSERT_EQ(
      cli.run("init", "--regimen 'clonazepam 0.5mg@08:00, 0.5mg@20:00' --country UK").exit_code, 0);
  ASSERT_EQ(
      cli.run("plan", "--strategy fraction --cut 10% --every 14d --start " + date(0) + " --save")
          .exit_code,
      0);
  cli.set_today(date(10));
  CliResult r = cli.run("questionnaire", "phq9 --answers 1,1,1,1,1,0,0,0,1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("116 123"), std::string::npos) << r.output;  // Samaritans (UK)
  EXPECT_NE(r.output.find("999"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("urgent"), std::string::npos) << r.output;

  // Four days later the plan's next cut would start, but a paused plan keeps the current dose.
  cli.set_today(date(20));
  const json today = cli.run("today", "--json").json();
  EXPECT_TRUE(today.at("paused").get<bool>());
  EXPECT_EQ(today.at("step").at("index").get<int>(), 1);
  EXPECT_TRUE(today.at("next_change_date").is_null());
  const json response = cli.run("export", "--format json").json().at("questionnaire_responses")[0];
  EXPECT_TRUE(response.at("crisis_shown").get<bool>());

  // After seeing a clinician, a new plan continues from the dose kept during the pause (18 mg
  // diazepam-equivalent), not from the old starting regimen (20 mg). It waits for the resume:
  // saving it does not end the pause.
  cli.set_today(date(21));
  r = cli.run("plan", "--strategy fraction --cut 10% --every 14d --save");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(cli.run("today", "--json").json().at("paused").get<bool>());
  // The resume needs a check-in after the urgent day without red flags.
  r = cli.run("resume", "--by clinician --reason 'Seen by the GP'");
  EXPECT_NE(r.exit_code, 0) << r.output;
  ASSERT_EQ(cli.run("checkin", "--symptoms anxiety=1").exit_code, 0);
  r = cli.run("resume", "--by clinician --reason 'Seen by the GP'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json resumed = cli.run("today", "--json").json();
  EXPECT_FALSE(resumed.at("paused").get<bool>());
  EXPECT_EQ(resumed.at("plan_version").get<int>(), 2);
  EXPECT_NEAR(resumed.at("step").at("diazepam_equivalent_mg").get<double>(), 16.2, 0.2);

  // The same from a check-in's red flag, in the US: 988.
  Cli us(kBinary, folder_ / "crisis-us.db");
  us.set_today(date(0));
  ASSERT_EQ(us.run("init", "--regimen 'lorazepam 1mg@22:00' --country US").exit_code, 0);
  r = us.run("checkin", "--symptoms anxiety=3 --red-flag self-harm");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("988"), std::string::npos) << r.output;
}

// In a terminal with no options, the check-in asks each question (`script` gives it a terminal).
TEST_F(ScriptedTaper, InteractiveCheckInAsksEachQuestion) {
  Cli cli(kBinary, folder_ / "interactive.db");
  cli.set_today(date(0));
  ASSERT_EQ(cli.run("init", "--regimen 'lorazepam 1mg@22:00'").exit_code, 0);
  // Anxiety 2, panic 0 ("none"), irritability and low mood skipped (Enter), insomnia 3, and the
  // other 17 skipped: Enter leaves a symptom not answered, never 0.
  std::string answers = "2\n0\n\n\n3\n";
  for (int i = 0; i < 17; ++i) answers += "\n";
  answers += "23:00\n30\n1\n07:00\n6\n5\n20\nregular\n1\n0\n10\nno\nyes\n\nfelt ok\n";
  const auto input = folder_ / "answers.txt";
  {
    std::ofstream out(input);
    out << answers;
  }
  const std::string command = "TAPERLAB_TODAY=" + date(0) + " " +
                              testing::shell_quote(kBinary.string()) + " checkin --db " +
                              testing::shell_quote(cli.db().string());
  const std::string line = "script -qec " + testing::shell_quote(command) + " /dev/null < " +
                           testing::shell_quote(input.string()) + " > /dev/null 2>&1";
  ASSERT_EQ(std::system(line.c_str()), 0);
  const json check_in = cli.run("export", "--format json").json().at("check_ins").at(0);
  EXPECT_EQ(check_in.at("symptoms").at("anxiety"), 2);
  EXPECT_EQ(check_in.at("symptoms").at("insomnia"), 3);
  EXPECT_EQ(check_in.at("symptoms").at("panic"), 0);
  EXPECT_FALSE(check_in.at("symptoms").contains("irritability"));  // skipped: missing, not 0
  EXPECT_EQ(check_in.at("symptoms").size(), 3u);
  EXPECT_EQ(check_in.at("sleep").at("bedtime"), "23:00");
  EXPECT_EQ(check_in.at("sleep").at("quality"), 6);
  EXPECT_EQ(check_in.at("mood"), 5);
  EXPECT_EQ(check_in.at("habits").at("exercise_minutes"), 20);
  EXPECT_EQ(check_in.at("habits").at("social_contact"), true);
  EXPECT_EQ(check_in.at("notes"), "felt ok");

  // The questionnaire asks item by item, re-asks after an answer out of range, and still shows
  // the crisis message for item 9.
  {
    std::ofstream out(input);
    out << "1\n2\n0\n7\n1\n0\n0\n1\n0\n1\n";
  }
  const std::string phq9 = "TAPERLAB_TODAY=" + date(0) + " " +
                           testing::shell_quote(kBinary.string()) + " questionnaire phq9 --db " +
                           testing::shell_quote(cli.db().string());
  const auto screen = folder_ / "screen.txt";
  const std::string asked = "script -qec " + testing::shell_quote(phq9) + " /dev/null < " +
                            testing::shell_quote(input.string()) + " > " +
                            testing::shell_quote(screen.string()) + " 2>&1";
  ASSERT_EQ(std::system(asked.c_str()), 0);
  std::ifstream in(screen);
  const std::string shown((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(shown.find("Please answer 0 to 3"), std::string::npos) << shown;
  EXPECT_NE(shown.find("call your local emergency number"), std::string::npos) << shown;
  const json response =
      cli.run("export", "--format json").json().at("questionnaire_responses").at(0);
  EXPECT_EQ(response.at("answers"), json({1, 2, 0, 1, 0, 0, 1, 0, 1}));
  EXPECT_EQ(response.at("total"), 6);
  EXPECT_TRUE(response.at("crisis_shown").get<bool>());
}

TEST_F(ScriptedTaper, BadInputNamesTheFieldAndChangesNothing) {
  Cli cli(kBinary, folder_ / "bad.db");
  cli.set_today(date(0));
  ASSERT_EQ(
      cli.run("init", "--regimen 'clonazepam 0.5mg@08:00, 0.5mg@20:00' --country UK").exit_code, 0);
  ASSERT_EQ(cli.run("plan", "--strategy fraction --cut 10% --every 14d --save").exit_code, 0);
  ASSERT_EQ(cli.run("checkin", "--symptoms anxiety=1").exit_code, 0);
  const std::string before = cli.run("export", "--format json").output;

  const auto expect_rejected = [&](const std::string& command, const std::string& args,
                                   const std::string& field) {
    const CliResult r = cli.run(command, args);
    EXPECT_EQ(r.exit_code, 2) << command << " " << args << ": " << r.output;
    EXPECT_NE(r.output.find(field), std::string::npos)
        << command << " " << args << ": " << r.output;
  };
  expect_rejected("checkin", "--date " + date(1) + " --symptoms anxiety=1", "--date");
  expect_rejected("checkin", "--date 2026-02-30 --symptoms anxiety=1", "--date");
  expect_rejected("checkin", "--symptoms anxiety=7", "anxiety");
  expect_rejected("checkin", "--symptoms anxeity=2", "anxiety");
  expect_rejected("checkin", "--sleep-quality 11 --symptoms anxiety=1", "quality");
  expect_rejected("checkin", "--symptoms anxiety=2", "already stored");
  expect_rejected("questionnaire", "phq8 --answers 0,0,0,0,0,0,0,0,0", "phq9");
  expect_rejected("questionnaire", "phq9 --answers 0,0,0", "--answers");
  expect_rejected("questionnaire", "gad7 --answers 0,0,0,0,0,0,4", "item 7");
  expect_rejected("questionnaire", "isi --answers 0,0,0,0,0,0,0", "licence");
  expect_rejected("take", "--status taken --dose 5mg", "--dose");
  expect_rejected("take", "--drug diazepam", "diazepam");
  expect_rejected("take", "--dose -1mg --status different", "--dose");
  expect_rejected("take", "--status extra --drug clonazepam --dose 400mg", "--dose");
  expect_rejected("today", "--date 2026-13-01", "--date");
  EXPECT_EQ(cli.run("export", "--format json").output, before);

  // A database with no journal tells the person how to start one.
  const CliResult r = cli.run("today", "", (folder_ / "empty.db").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("taperlab init"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace taperlab
