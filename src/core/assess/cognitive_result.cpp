#include "core/assess/cognitive_result.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "core/assess/cognitive_tests.hpp"

namespace taperlab::assess {
namespace {

using nlohmann::json;

enum class DetailKind {
  kCount,         // a whole number of trials, responses or errors
  kMilliseconds,  // a reaction time
  kText,          // e.g. which alternate word list was used
};

struct DetailField {
  const char* name;
  DetailKind kind;
};

// Far above any count a session of a few minutes can produce: anything larger is not a result.
constexpr double kMaxCount = 100000;
// One minute: a browser task waits far less for a response.
constexpr double kMaxMilliseconds = 60000;
constexpr std::size_t kMaxText = 200;

std::vector<DetailField> detail_fields(const std::string& test_id) {
  if (test_id == "pvt") {
    return {{"lapses", DetailKind::kCount},
            {"false_starts", DetailKind::kCount},
            {"trials", DetailKind::kCount},
            {"median_rt_ms", DetailKind::kMilliseconds}};
  }
  if (test_id == "choice-rt") {
    return {{"trials", DetailKind::kCount},
            {"correct", DetailKind::kCount},
            {"mean_rt_ms", DetailKind::kMilliseconds}};
  }
  if (test_id == "digit-span-forward" || test_id == "digit-span-backward") {
    return {{"trials", DetailKind::kCount}, {"errors", DetailKind::kCount}};
  }
  if (test_id == "two-back") {
    return {{"hits", DetailKind::kCount},
            {"misses", DetailKind::kCount},
            {"false_alarms", DetailKind::kCount},
            {"correct_rejections", DetailKind::kCount}};
  }
  if (test_id == "symbol-digit") {
    return {{"attempted", DetailKind::kCount}, {"errors", DetailKind::kCount}};
  }
  if (test_id == "word-list-immediate" || test_id == "word-list-delayed") {
    return {{"list", DetailKind::kText}, {"intrusions", DetailKind::kCount}};
  }
  return {};
}

std::string format_number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string describe(const json& value) {
  const std::string text = value.dump();
  return text.size() > 40 ? text.substr(0, 40) + "..." : text;
}

bool is_whole(double value) { return std::isfinite(value) && std::floor(value) == value; }

void check_detail(const json& value, const DetailField& field, const std::string& path,
                  std::vector<FieldError>& errors) {
  switch (field.kind) {
    case DetailKind::kCount:
      if (!value.is_number() || !is_whole(value.get<double>()) || value.get<double>() < 0 ||
          value.get<double>() > kMaxCount) {
        errors.push_back({path, "expected a whole number of 0 or more, got " + describe(value)});
      }
      return;
    case DetailKind::kMilliseconds:
      if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() <= 0 ||
          value.get<double>() > kMaxMilliseconds) {
        errors.push_back(
            {path, "expected milliseconds above 0 and up to 60000, got " + describe(value)});
      }
      return;
    case DetailKind::kText:
      if (!value.is_string() || value.get<std::string>().size() > kMaxText) {
        errors.push_back({path, "expected text of at most 200 characters"});
      }
      return;
  }
}

std::optional<double> count_of(const json& result, const char* name) {
  const auto it = result.find(name);
  if (it == result.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

// A part cannot exceed its whole: more lapses or correct answers than trials is a broken result.
void check_not_more_than(const json& result, const char* part, const char* whole,
                         const std::string& prefix, std::vector<FieldError>& errors) {
  const auto p = count_of(result, part);
  const auto w = count_of(result, whole);
  if (p && w && *p > *w) {
    errors.push_back({prefix + "." + part, std::string("cannot be more than ") + whole + " (" +
                                               format_number(*w) + ")"});
  }
}

}  // namespace

std::vector<FieldError> cognitive_result_errors(const std::string& test_id, const json& result,
                                                const std::string& result_field) {
  std::vector<FieldError> errors;
  const CognitiveTest* test = find_cognitive_test(test_id);
  if (!test) {
    errors.push_back(
        {"test_id", "unknown test '" + test_id + "'; known tests: " + known_cognitive_test_ids()});
  }
  if (!result.is_object()) {
    errors.push_back({result_field, "expected an object with a numeric \"score\""});
    return errors;
  }
  const std::string score_field = result_field + ".score";
  const auto score = result.find("score");
  if (score == result.end() || score->is_null()) {
    errors.push_back({score_field, "required"});
  } else if (!score->is_number() || !std::isfinite(score->get<double>())) {
    errors.push_back({score_field, "expected a number, got " + describe(*score)});
  } else if (test) {
    const double value = score->get<double>();
    const ScoreRange& range = test->range;
    if (value < range.min || value > range.max) {
      errors.push_back({score_field, "expected " + format_number(range.min) + " to " +
                                         format_number(range.max) + " " + test->unit + " for " +
                                         test->id + ", got " + format_number(value)});
    } else if (range.whole_number && !is_whole(value)) {
      errors.push_back({score_field, "expected a whole number for " + test->id + ", got " +
                                         format_number(value)});
    }
  }
  if (!test) return errors;

  for (const DetailField& field : detail_fields(test->id)) {
    const auto it = result.find(field.name);
    if (it == result.end() || it->is_null()) continue;  // detail fields are optional
    check_detail(*it, field, result_field + "." + field.name, errors);
  }
  check_not_more_than(result, "lapses", "trials", result_field, errors);
  check_not_more_than(result, "correct", "trials", result_field, errors);
  if (test->id == "symbol-digit" && score != result.end() && score->is_number()) {
    const auto attempted = count_of(result, "attempted");
    if (attempted && score->get<double>() > *attempted) {
      errors.push_back(
          {score_field, "cannot be more than attempted (" + format_number(*attempted) + ")"});
    }
  }
  return errors;
}

void validate_cognitive_result(const std::string& test_id, const json& result,
                               const std::string& result_field) {
  auto errors = cognitive_result_errors(test_id, result, result_field);
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

}  // namespace taperlab::assess
