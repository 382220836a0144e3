// `taperlab init [--regimen "..."] [--age N] [--sex female|male|other] [--country CC]
// [--risk NAME ...] [--name NAME] [--tz ZONE] [--date YYYY-MM-DD] [--db FILE]`: starts the journal
// (or updates it): the person's profile, time zone and the regimen they take now.
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "core/base/country_code.hpp"
#include "core/base/error.hpp"
#include "core/journal/records_json.hpp"
#include "io/time_zone.hpp"
#include "journal/people.hpp"
#include "journal_session.hpp"

namespace taperlab::cli {
namespace {

struct InitArgs {
  JournalArgs journal;
  std::vector<std::string> regimens;
  std::optional<int> age;
  std::string sex;
  std::string country;
  std::vector<std::string> risks;
  bool no_risks = false;
  std::optional<double> weeks;
  std::optional<std::string> name;
  std::optional<std::string> time_zone;  // --tz
};

bool profile_given(const InitArgs& a) {
  return a.age || !a.sex.empty() || !a.country.empty() || !a.risks.empty() || a.no_risks || a.weeks;
}

Profile merged_profile(Profile profile, const InitArgs& a) {
  if (a.age) {
    if (*a.age < 1 || *a.age > 120) throw ValidationError("--age", "expected 1 to 120 years");
    profile.age_years = *a.age;
  }
  if (!a.sex.empty()) {
    if (a.sex != "female" && a.sex != "male" && a.sex != "other") {
      throw ValidationError("--sex", "expected female, male or other, got '" + a.sex + "'");
    }
    profile.sex = a.sex;
  }
  if (!a.country.empty()) profile.country = CountryCode::parse(a.country, "--country").str();
  if (a.no_risks) profile.risks.clear();
  for (const auto& text : a.risks) profile.risks.insert(parse_risk_factor(text, "--risk"));
  if (a.weeks) {
    if (!(*a.weeks > 0 && *a.weeks < 5200)) {
      throw ValidationError("--weeks-on-regimen", "expected a number of weeks above 0");
    }
    profile.weeks_on_regimen = *a.weeks;
  }
  return profile;
}

void run_init(CliContext& ctx, const InitArgs& a) {
  if (a.time_zone) io::require_time_zone(*a.time_zone, "--tz");
  JournalSession session(ctx, a.journal, a.time_zone);
  journal::InitRequest request;
  request.date = session.date();
  request.name = a.name;
  if (a.time_zone) {
    request.time_zone = a.time_zone;
  } else if (session.repo().people().empty()) {
    // A new journal lives by the machine's zone (TZ, else /etc/localtime) unless told otherwise.
    request.time_zone = io::machine_time_zone("--tz");
  }
  if (!a.regimens.empty()) {
    Regimen regimen;
    for (const auto& text : a.regimens) {
      add_drug(regimen, parse_drug_regimen(text, ctx.catalog(), "--regimen"));
    }
    request.regimen = regimen;
  }
  if (profile_given(a)) {
    const auto people = session.repo().people();
    request.profile = merged_profile(people.empty() ? Profile{} : people.front().profile, a);
  }
  const auto result = journal::init_person(session.context(), request);
  if (a.journal.json) {
    ctx.out() << nlohmann::json{{"person", to_json(result.person)},
                                {"created", result.created},
                                {"regimen", result.regimen ? to_json(*result.regimen)
                                                           : nlohmann::json(nullptr)}}
                     .dump(2)
              << "\n";
    return;
  }
  ctx.out() << (result.created ? "Journal started." : "Journal updated.") << "\n";
  const Profile& p = result.person.profile;
  std::string risks;
  for (auto r : p.risks) risks += std::string(risks.empty() ? "" : ", ") + to_string(r);
  ctx.out() << "Profile: age " << (p.age_years ? std::to_string(*p.age_years) : "not given")
            << ", sex " << (p.sex.empty() ? "not given" : p.sex) << ", country "
            << (p.country.empty() ? "not given" : p.country) << ", risk factors "
            << (risks.empty() ? "none recorded" : risks) << ".\n";
  ctx.out() << "Time zone: "
            << (result.person.time_zone.empty()
                    ? "not chosen (this machine's, " + session.time_zone() + ")"
                    : result.person.time_zone)
            << ": \"today\" and dose times follow it (change it with --tz).\n";
  if (result.regimen) {
    ctx.out() << "Regimen from " << result.regimen->effective_from.to_string() << ": "
              << result.regimen->regimen.describe() << ".\n";
    ctx.out() << "Next: make a plan with your prescriber, e.g. "
                 "`taperlab plan --strategy fraction --cut 10% --every 14d --save`.\n";
  } else {
    ctx.out() << "No regimen recorded yet: add one with --regimen \"DRUG DOSE@HH:MM, ...\".\n";
  }
}

}  // namespace

void add_init_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("init", "start your journal: profile and current regimen");
  auto a = std::make_shared<InitArgs>();
  add_journal_options(cmd, a->journal, true);
  cmd->add_option("--regimen", a->regimens,
                  "what you take now, e.g. \"clonazepam 0.5mg@08:00, 0.5mg@20:00\" (per drug)");
  cmd->add_option("--name", a->name, "how you would like to be greeted");
  cmd->add_option("--age", a->age, "age in years");
  cmd->add_option("--sex", a->sex, "female, male or other");
  cmd->add_option("--country", a->country, "two-letter country code (crisis numbers, products)");
  cmd->add_option("--risk", a->risks,
                  "risk factor (repeat): seizures, alcohol, substance-use, opioids, pregnancy, "
                  "liver, bipolar, psychosis, prior-failed-taper")
      ->delimiter(',');
  cmd->add_flag("--no-risks", a->no_risks, "clear the recorded risk factors");
  cmd->add_option("--weeks-on-regimen", a->weeks, "weeks the regimen has been taken daily");
  cmd->add_option("--tz", a->time_zone,
                  "your time zone, an IANA name such as Europe/London (default: this machine's)");
  cmd->callback([&ctx, a] { run_init(ctx, *a); });
}

}  // namespace taperlab::cli
