#include "server/routes/band_text.hpp"

#include <cstdint>
#include <vector>

namespace taperlab::server {
namespace {

constexpr int kBandDecimals = 5;  // as the preview's shares (course_text.cpp)

void write_band_values(JsonText& j, const char* key, const std::vector<double>& values) {
  j.key(key).begin_array();
  for (const double v : values) j.rounded(v, kBandDecimals);
  j.end_array();
}

void write_band_series(JsonText& j, const journal::BandSeries& s) {
  // Sorted keys, as every answer prints them; percentiles[i] is cohort::kBandPercentiles[i].
  j.begin_object();
  write_band_values(j, "own", s.own);
  write_band_values(j, "p25", s.percentiles[1]);
  write_band_values(j, "p5", s.percentiles[0]);
  write_band_values(j, "p50", s.percentiles[2]);
  write_band_values(j, "p75", s.percentiles[3]);
  write_band_values(j, "p95", s.percentiles[4]);
  j.end_object();
}

}  // namespace

void write_plan_band_json(JsonText& j, const journal::PlanBand& band,
                          const std::optional<CivilDate>& start) {
  j.begin_object();
  j.key("adaptation_remaining");
  write_band_series(j, band.remaining);
  j.key("date").begin_array();
  for (int d = 0; d < band.days; ++d) {
    if (start) {
      j.value(start->plus_days(d));
    } else {
      j.value("");
    }
  }
  j.end_array();
  j.key("day").begin_array();
  for (int d = 0; d < band.days; ++d) j.value(d);
  j.end_array();
  j.key("fit_observations").value(band.fit_observations);
  j.key("people").value(static_cast<std::int64_t>(band.people));
  j.key("seed").value(static_cast<std::int64_t>(band.seed));
  j.key("spread").value(band.fit_observations ? "personal" : "population");
  j.key("withdrawal_peak");
  write_band_series(j, band.withdrawal_peak);
  j.end_object();
}

}  // namespace taperlab::server
