#include "core/journal/records.hpp"

#include "core/base/error.hpp"

namespace taperlab {
namespace {

// One table per enum so that to_string, parse and the "expected one of" message cannot drift.
template <typename Enum>
struct EnumName {
  Enum value;
  const char* name;
};

constexpr EnumName<DoseStatus> kDoseStatusNames[] = {
    {DoseStatus::kTaken, "taken"},
    {DoseStatus::kMissed, "missed"},
    {DoseStatus::kExtra, "extra"},
    {DoseStatus::kDifferent, "different"},
};

constexpr EnumName<RedFlag> kRedFlagNames[] = {
    {RedFlag::kSeizure, "seizure"},
    {RedFlag::kConfusion, "confusion"},
    {RedFlag::kHallucinations, "hallucinations"},
    {RedFlag::kSelfHarmThoughts, "self-harm"},
};

constexpr EnumName<DecisionKind> kDecisionKindNames[] = {
    {DecisionKind::kContinue, "continue"},
    {DecisionKind::kHold, "hold"},
    {DecisionKind::kSlow, "slow"},
    {DecisionKind::kUrgent, "urgent"},
};

template <typename Enum, std::size_t N>
const char* name_of(const EnumName<Enum> (&names)[N], Enum value) {
  for (const auto& n : names) {
    if (n.value == value) return n.name;
  }
  return "?";
}

template <typename Enum, std::size_t N>
Enum parse_name(const EnumName<Enum> (&names)[N], const std::string& text,
                const std::string& field) {
  for (const auto& n : names) {
    if (text == n.name) return n.value;
  }
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + std::string(n.name);
  throw ValidationError(field, "expected one of " + known + "; got '" + text + "'");
}

}  // namespace

const char* to_string(DoseStatus s) { return name_of(kDoseStatusNames, s); }

DoseStatus parse_dose_status(const std::string& text, const std::string& field) {
  return parse_name(kDoseStatusNames, text, field);
}

const char* to_string(RedFlag f) { return name_of(kRedFlagNames, f); }

RedFlag parse_red_flag(const std::string& text, const std::string& field) {
  return parse_name(kRedFlagNames, text, field);
}

const char* to_string(DecisionKind k) { return name_of(kDecisionKindNames, k); }

DecisionKind parse_decision_kind(const std::string& text, const std::string& field) {
  return parse_name(kDecisionKindNames, text, field);
}

}  // namespace taperlab
