// `taperlab questionnaire phq9|gad7 [--answers 0,1,2,...] [--date D] [--db F] [--json]`: asks the
// questions (or takes the answers given), scores, bands and stores. PHQ-9 item 9 above 0 always
// shows the crisis message with the numbers for the person's country.
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "commands/journal_text.hpp"
#include "core/base/error.hpp"
#include "core/journal/records_json.hpp"
#include "core/base/text.hpp"
#include "journal/people.hpp"
#include "journal/questionnaires.hpp"
#include "journal_session.hpp"
#include "text_format.hpp"

namespace taperlab::cli {
namespace {

struct QuestionnaireArgs {
  JournalArgs journal;
  std::string instrument;
  std::string answers;
};

std::vector<int> ask_items(const Instrument& instrument) {
  std::cout << instrument.full_name << " (" << instrument.name << ")\n"
            << wrap(instrument.instructions);
  std::vector<int> answers;
  for (std::size_t i = 0; i < instrument.items.size(); ++i) {
    const InstrumentItem& item = instrument.items[i];
    std::cout << "\n" << i + 1 << ". " << wrap(item.text);
    for (const auto& option : item.options) {
      std::cout << "   " << option.value << " " << option.label << "\n";
    }
    for (;;) {
      std::cout << "   Your answer: " << std::flush;
      std::string line;
      if (!std::getline(std::cin, line)) {
        throw ValidationError("--answers", "no answer (end of input)");
      }
      const std::string answer(trim(line));
      if (answer.size() == 1 && answer[0] >= '0' && answer[0] - '0' >= item.min_value() &&
          answer[0] - '0' <= item.max_value()) {
        answers.push_back(answer[0] - '0');
        break;
      }
      std::cout << "   Please answer " << item.min_value() << " to " << item.max_value() << ".\n";
    }
  }
  return answers;
}

void run_questionnaire(CliContext& ctx, const QuestionnaireArgs& a) {
  const Instrument& instrument = ctx.instruments().find(a.instrument, "instrument");
  JournalSession session(ctx, a.journal);
  const Person person = journal::require_person(session.repo());
  std::vector<int> answers;
  if (!a.answers.empty()) {
    answers = parse_answers(a.answers, "--answers");
  } else if (isatty(STDIN_FILENO)) {
    require_scored(instrument);
    answers = ask_items(instrument);
  } else {
    throw ValidationError("--answers",
                          "give the answers, e.g. --answers 0,1,2,0,1,0,0,1,0, or "
                          "run it in a terminal");
  }
  const auto r = journal::record_questionnaire(session.context(), person, instrument.id, answers,
                                               session.date());
  if (a.journal.json) {
    ctx.out() << nlohmann::json{{"response", to_json(r.stored)},
                                {"max", r.score.max},
                                {"crisis_message", r.crisis_message
                                                       ? nlohmann::json(*r.crisis_message)
                                                       : nlohmann::json(nullptr)},
                                {"decision", r.review.decision ? to_json(*r.review.decision)
                                                               : nlohmann::json(nullptr)}}
                     .dump(2)
              << "\n";
    return;
  }
  // The crisis message comes first, before any score.
  if (r.crisis_message) ctx.out() << *r.crisis_message << "\n";
  ctx.out() << instrument.name << " on " << r.stored.date.to_string() << ": " << r.score.total
            << " of " << r.score.max << (r.score.band.empty() ? "" : " (" + r.score.band + ")")
            << ". Saved.\n";
  ctx.out() << wrap(
      "A questionnaire score is not a diagnosis; share it with your prescriber, "
      "especially if it is higher than last time.");
  if (r.review.decision) ctx.out() << decision_text(*r.review.decision);
}

}  // namespace

void add_questionnaire_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("questionnaire", "answer a questionnaire: phq9 or gad7");
  auto a = std::make_shared<QuestionnaireArgs>();
  cmd->add_option("INSTRUMENT", a->instrument, "phq9 or gad7")->required();
  cmd->add_option("--answers", a->answers, "the item answers in order, e.g. 0,1,2,0,1,0,0,1,0");
  add_journal_options(cmd, a->journal, true);
  cmd->callback([&ctx, a] { run_questionnaire(ctx, *a); });
}

}  // namespace taperlab::cli
