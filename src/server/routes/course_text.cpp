#include "server/routes/course_text.hpp"

#include <vector>

namespace taperlab::server {
namespace {

// Shares to 5 decimals, doses to 3.
constexpr int kShareDecimals = 5;
constexpr int kMgDecimals = 3;

void write_rounded(JsonText& j, const char* key, const std::vector<double>& values,
                   int decimals) {
  j.key(key).begin_array();
  for (const double v : values) j.rounded(v, decimals);
  j.end_array();
}

}  // namespace

void write_course_json(JsonText& j, const DailyCourse& course,
                       const std::optional<CivilDate>& start, int days) {
  // Keys in the order nlohmann::json prints them (sorted), so the answer reads as before.
  j.begin_object();
  write_rounded(j, "adaptation_remaining", course.adaptation_remaining, kShareDecimals);
  j.key("date").begin_array();
  for (int d = 0; d < days; ++d) {
    if (start) {
      j.value(start->plus_days(d));
    } else {
      j.value("");
    }
  }
  j.end_array();
  j.key("day").begin_array();
  for (int d = 0; d < days; ++d) j.value(d);
  j.end_array();
  write_rounded(j, "dose_mg", course.diazepam_equivalent_mg, kMgDecimals);
  write_rounded(j, "effect", course.effect, kShareDecimals);
  write_rounded(j, "withdrawal", course.withdrawal, kShareDecimals);
  j.end_object();
}

}  // namespace taperlab::server
