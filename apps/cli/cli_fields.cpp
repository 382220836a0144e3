#include "cli_fields.hpp"

#include <array>

namespace taperlab::cli {
namespace {

struct FieldFlag {
  std::string_view command;
  std::string_view field;  // the domain (API) name
  std::string_view flag;
};

// Only the names the journal and core raise for each command's own input: a name a command does
// not take as a flag (e.g. "reason" from `resume`'s journal) is shown as it is.
constexpr std::array kFieldFlags{
    FieldFlag{"take", "date", "--date"},
    FieldFlag{"take", "time", "--time"},
    FieldFlag{"take", "planned_time", "--planned-time"},
    FieldFlag{"take", "drug", "--drug"},
    FieldFlag{"take", "dose_mg", "--dose"},
    FieldFlag{"checkin", "date", "--date"},
    FieldFlag{"questionnaire", "date", "--date"},
    FieldFlag{"questionnaire", "answers", "--answers"},
    FieldFlag{"init", "date", "--date"},
    FieldFlag{"init", "regimen", "--regimen"},
    FieldFlag{"plan", "regimen", "--regimen"},
    FieldFlag{"plan", "strategy", "--strategy"},
    FieldFlag{"plan", "cut", "--cut"},
    FieldFlag{"plan", "every", "--every"},
    FieldFlag{"plan", "steps", "--steps"},
    FieldFlag{"plan", "pace", "--pace"},
    FieldFlag{"plan", "ceiling", "--ceiling"},
    FieldFlag{"plan", "to", "--to"},
    FieldFlag{"plan", "then", "--then"},
    FieldFlag{"plan", "formulations", "--formulations"},
    FieldFlag{"plan", "country", "--country"},
    FieldFlag{"plan", "prefer", "--prefer"},
    FieldFlag{"plan", "alternative", "--alternative"},
    FieldFlag{"plan", "start", "--start"},
    FieldFlag{"plan", "by", "--by"},
    FieldFlag{"plan", "goal", "--goal"},
    FieldFlag{"plan", "table", "--table"},
    FieldFlag{"plan", "max_cut", "--max-cut"},
    FieldFlag{"plan", "go_back_to_step", "--go-back-to-step"},
    FieldFlag{"plan", "go_back_reason", "--reason"},
};

}  // namespace

std::string flag_for(std::string_view command, std::string_view field) {
  if (command == "pharmacy") command = "plan";  // it takes the plan's options, spelt the same
  const std::string_view head = field.substr(0, field.find_first_of(".["));
  for (const auto& row : kFieldFlags) {
    if (row.command == command && row.field == head) {
      return std::string(row.flag) + std::string(field.substr(head.size()));
    }
  }
  return std::string(field);
}

std::string flag_message(std::string_view command, const ValidationError& error) {
  std::string out;
  for (const auto& e : error.errors()) {
    if (!out.empty()) out += "; ";
    out += flag_for(command, e.field) + ": " + e.message;
  }
  return out.empty() ? error.what() : out;
}

}  // namespace taperlab::cli
