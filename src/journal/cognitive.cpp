#include "journal/cognitive.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/assess/cognitive_result.hpp"
#include "core/base/error.hpp"

namespace taperlab::journal {
namespace {

using nlohmann::json;

// Long enough for any user-agent summary ("Firefox 128 on Linux"), short enough to stay a label.
constexpr std::size_t kMaxLabel = 200;

void check_label(const std::string& value, const std::string& field, const std::string& what,
                 std::vector<FieldError>& errors) {
  const bool blank =
      std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isspace(c) != 0; });
  if (blank) {
    errors.push_back(
        {field, "required: the " + what + " the test ran on (results are compared per device)"});
  } else if (value.size() > kMaxLabel) {
    errors.push_back({field, "expected at most 200 characters"});
  }
}

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json sourced_json(const Sourced& s) {
  return {{"value", s.value},
          {"evidence", to_string(s.evidence)},
          {"source", s.source},
          {"note", s.note}};
}

}  // namespace

CognitiveSessionView record_cognitive_session(const JournalContext& ctx, const Person& person,
                                              CognitiveSession draft) {
  std::vector<FieldError> errors;
  try {
    require_not_future(ctx, draft.date, "date");
  } catch (const ValidationError& e) {
    errors.insert(errors.end(), e.errors().begin(), e.errors().end());
  }
  check_label(draft.device, "device", "device", errors);
  check_label(draft.browser, "browser", "browser", errors);
  for (auto& e : assess::cognitive_result_errors(draft.test_id, draft.result)) {
    errors.push_back(std::move(e));
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));

  draft.id = 0;
  draft.person_id = person.id;
  draft.recorded_at = ctx.now_utc;
  const RecordId id = ctx.repo.add_cognitive_session(draft);
  for (auto& view : list_cognitive_sessions(ctx.repo, person.id)) {
    if (view.session.id == id) return view;
  }
  throw Error(ErrorCode::kInternal, "the stored cognitive session could not be read back");
}

std::vector<CognitiveSessionView> list_cognitive_sessions(store::Repository& repo,
                                                          PersonId person) {
  std::vector<CognitiveSession> sessions = repo.cognitive_sessions(person);
  std::stable_sort(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) {
    return a.date != b.date ? a.date < b.date : a.id < b.id;
  });
  const auto comparisons = assess::compare_sessions(sessions);
  std::vector<CognitiveSessionView> out;
  out.reserve(sessions.size());
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    out.push_back({std::move(sessions[i]), comparisons[i]});
  }
  return out;
}

json to_json(const CognitiveSessionView& view) {
  const CognitiveSession& s = view.session;
  const assess::SessionComparison& c = view.comparison;
  return {{"session",
           {{"id", s.id},
            {"date", s.date.to_string()},
            {"test_id", s.test_id},
            {"device", s.device},
            {"browser", s.browser},
            {"result", s.result},
            {"recorded_at", s.recorded_at}}},
          {"comparison",
           {{"practice", c.practice},
            {"session_number", c.session_number},
            {"baseline_score", optional_number(c.baseline_score)},
            {"rci", optional_number(c.rci)},
            {"change", c.change ? json(assess::to_string(*c.change)) : json(nullptr)}}}};
}

json to_json(const std::vector<CognitiveSessionView>& views) {
  json sessions = json::array();
  for (const auto& v : views) sessions.push_back(to_json(v));
  return {{"sessions", sessions}, {"tests", cognitive_tests_json()}};
}

json cognitive_tests_json() {
  json tests = json::array();
  for (const auto& t : assess::cognitive_tests()) {
    tests.push_back(
        {{"id", t.id},
         {"name", t.name},
         {"unit", t.unit},
         {"score", t.score},
         {"higher_is_better", t.higher_is_better},
         {"range",
          {{"min", t.range.min}, {"max", t.range.max}, {"whole_number", t.range.whole_number}}},
         {"r", t.retest_r.value},
         {"sd", t.between_person_sd.value},
         {"method_source", t.method_source},
         {"sources",
          {{"r", sourced_json(t.retest_r)}, {"sd", sourced_json(t.between_person_sd)}}}});
  }
  return tests;
}

}  // namespace taperlab::journal
