// Strict reading of JSON (issue 24, point 4): whole numbers checked as 64-bit integers before
// they narrow, a document's parse errors named by where they happened, and the stored plan's
// reader checking every member the journal later takes from the document.
#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"
#include "core/journal/plan_view.hpp"

namespace taperlab {
namespace {

using nlohmann::json;

// The field and message of the one error `read` raises.
template <typename Read>
std::pair<std::string, std::string> strict_error_of(Read&& read) {
  try {
    read();
  } catch (const ValidationError& e) {
    return {e.errors().at(0).field, e.errors().at(0).message};
  }
  return {"(accepted)", ""};
}

TEST(JsonFieldsInteger, ChecksTheValueAs64BitBeforeNarrowing) {
  const auto read = [](const json& v) {
    return strict_error_of([&] { (void)json_fields::integer_value(v, "answers[8]", 0, 3); });
  };
  EXPECT_EQ(json_fields::integer_value(json(3), "x", 0, 3), 3);
  EXPECT_EQ(json_fields::integer_value(json(2.0), "x", 0, 3), 2);
  EXPECT_EQ(read(json(4294967297LL)).second, "expected a whole number from 0 to 3, got 4294967297");
  EXPECT_EQ(read(json(9223372036854775808ULL)).second,
            "expected a whole number from 0 to 3, got 9223372036854775808");
  EXPECT_EQ(read(json(-1)).second, "expected a whole number from 0 to 3, got -1");
  EXPECT_EQ(read(json(1.5)).second, "expected a whole number from 0 to 3, got 1.5");
  EXPECT_EQ(read(json(1e300)).first, "answers[8]");
  EXPECT_EQ(read(json(9.3e18)).first, "answers[8]");  // beyond int64: no undefined conversion
  EXPECT_EQ(read(json("2")).second, "expected a whole number from 0 to 3, got a string");
  EXPECT_EQ(read(json(nullptr)).second, "expected a whole number from 0 to 3, got null");
  // The full 64-bit range reads as itself.
  EXPECT_EQ(json_fields::integer_value(json(INT64_MIN), "x", INT64_MIN, INT64_MAX), INT64_MIN);
  EXPECT_EQ(json_fields::integer_value(json(INT64_MAX), "x", INT64_MIN, INT64_MAX), INT64_MAX);
}

TEST(JsonFieldsParseDocument, NamesWhereAParseErrorHappened) {
  const auto where = [](const std::string& text) {
    return strict_error_of([&] { (void)json_fields::parse_document(text); });
  };
  // A number no double holds: nlohmann's out_of_range, which named neither file nor field.
  auto [field, message] = where(R"({"steps": [{"day": 0, "doses": [{"dose_mg": 1e999}]}]})");
  EXPECT_EQ(field, "steps[0].doses[0].dose_mg");
  EXPECT_NE(message.find("1e999"), std::string::npos) << message;
  EXPECT_NE(message.find("line 1"), std::string::npos) << message;
  EXPECT_EQ(message.find("[json.exception"), std::string::npos) << message;

  EXPECT_EQ(where(R"({"a": [1, 2, 1e999]})").first, "a[2]");
  EXPECT_EQ(where(R"([{"x": 1}, {"y": [0, {"z": -1e400}]}])").first, "[1].y[1].z");
  EXPECT_EQ(where("{\"a\": 1,\n \"b\": tru}").first, "b");
  EXPECT_NE(where("{\"a\": 1,\n \"b\": tru}").second.find("line 2"), std::string::npos);
  EXPECT_EQ(where("").first, "");
  EXPECT_EQ(where("{\"format\": ").first, "format");
  EXPECT_EQ(json_fields::parse_document(R"({"a": [1, {"b": null}]})"),
            json::parse(R"({"a": [1, {"b": null}]})"));
}

json strict_plan_with_start_regimen() {
  return {
      {"start_date", "2027-01-04"},
      {"strategy", "fraction"},
      {"needs_clinician", false},
      {"start_diazepam_equivalent_mg", 10},
      {"start_regimen",
       {{"drugs", {{{"drug", "diazepam"}, {"doses", {{{"dose_mg", 10}, {"time", "08:00"}}}}}}}}},
      {"total_days", 14},
      {"notes", {"a note"}},
      {"findings", {{{"code", "x"}, {"message", "m"}}}},
      {"steps",
       {{{"index", 1},
         {"day", 0},
         {"duration_days", 14},
         {"kind", "cut"},
         {"diazepam_equivalent_mg", 9},
         {"cut_fraction", 0.1},
         {"peak_withdrawal", 0.01},
         {"doses",
          {{{"drug", "diazepam"}, {"time", "08:00"}, {"dose_mg", 9}, {"units", "..."}}}}}}}};
}

std::string strict_plan_field(const json& plan) {
  return strict_error_of([&] { (void)parse_plan_view(plan); }).first;
}

TEST(PlanViewStrict, ReadsTheStartRegimenAndItsDiazepamEquivalent) {
  const PlanView view = parse_plan_view(strict_plan_with_start_regimen());
  ASSERT_EQ(view.start_regimen.drugs.size(), 1u);
  EXPECT_EQ(view.start_regimen.drugs[0].drug_id, "diazepam");
  EXPECT_EQ(view.start_regimen.drugs[0].doses.at(0).dose_mg, 10);
  EXPECT_EQ(view.start_regimen.drugs[0].doses.at(0).time.to_string(), "08:00");
  EXPECT_EQ(view.start_diazepam_equivalent_mg, 10);
}

TEST(PlanViewStrict, RefusesWhatALaterReaderWouldFailOn) {
  const std::string time = "plan.start_regimen.drugs[0].doses[0].time";
  for (const json& bad : {json(800), json(nullptr), json::array({1}), json("8am")}) {
    json plan = strict_plan_with_start_regimen();
    plan["start_regimen"]["drugs"][0]["doses"][0]["time"] = bad;
    EXPECT_EQ(strict_plan_field(plan), time) << bad.dump();
  }
  const auto with = [](const char* key, const json& value) {
    json plan = strict_plan_with_start_regimen();
    plan[key] = value;
    return strict_plan_field(plan);
  };
  EXPECT_EQ(with("start_regimen", 5), "plan.start_regimen");
  EXPECT_EQ(with("start_diazepam_equivalent_mg", "ten"), "plan.start_diazepam_equivalent_mg");
  EXPECT_EQ(with("start_diazepam_equivalent_mg", -1), "plan.start_diazepam_equivalent_mg");
  EXPECT_EQ(with("total_days", 1e300), "plan.total_days");
  EXPECT_EQ(with("notes", "text"), "plan.notes");
  EXPECT_EQ(with("notes", json::array({1})), "plan.notes[0]");
  EXPECT_EQ(with("findings", json::array({7})), "plan.findings[0]");
  EXPECT_EQ(with("findings", json::array({{{"code", 1}, {"message", "m"}}})),
            "plan.findings[0].code");

  json plan = strict_plan_with_start_regimen();
  plan["steps"][0]["index"] = 2;
  EXPECT_EQ(strict_plan_field(plan), "plan.steps[0].index");
  plan = strict_plan_with_start_regimen();
  plan["steps"][0]["kind"] = "sideways";
  EXPECT_EQ(strict_plan_field(plan), "plan.steps[0].kind");
  plan = strict_plan_with_start_regimen();
  plan["steps"][0]["note"] = 3;
  EXPECT_EQ(strict_plan_field(plan), "plan.steps[0].note");
  plan = strict_plan_with_start_regimen();
  plan["steps"][0]["doses"][0]["dose_mg"] = -9;
  EXPECT_EQ(strict_plan_field(plan), "plan.steps[0].doses[0].dose_mg");

  // Absent members are read as none: older documents stay readable.
  plan = strict_plan_with_start_regimen();
  for (const char* key :
       {"start_regimen", "start_diazepam_equivalent_mg", "total_days", "notes", "findings"}) {
    plan.erase(key);
  }
  EXPECT_EQ(strict_plan_field(plan), "(accepted)");
}

}  // namespace
}  // namespace taperlab
