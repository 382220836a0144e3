// The cohort report's figures, its side-by-side text table and its JSON.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/cohort_report.hpp"
#include "report/report_format.hpp"

namespace taperlab::report {
namespace {

using cohort::CohortSummary;
using cohort::kBandPercentiles;

std::string w_text(double w) { return fmt::format("{:.4f}", w); }

std::string day_or_beyond(const std::optional<int>& day, int days) {
  return day ? std::to_string(*day) : "after " + std::to_string(days - 1);
}

// "0.0310 (0.0120-0.0810)": the median with the 5th and 95th percentiles.
template <typename T, typename F>
std::string median_and_range(const std::array<T, 5>& p, F text) {
  return text(p[2]) + " (" + text(p[0]) + "-" + text(p[4]) + ")";
}

std::string count_and_share(std::uint64_t count, std::uint64_t people) {
  const double share = people == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(people);
  return fmt::format("{:.1f}% ({})", share * 100.0, count);
}

nlohmann::json optional_day(const std::optional<int>& day) {
  return day ? nlohmann::json(*day) : nlohmann::json(nullptr);
}

template <typename T, typename F>
nlohmann::json percentiles_json(const std::array<T, 5>& p, F value) {
  nlohmann::json out = nlohmann::json::object();
  for (std::size_t i = 0; i < p.size(); ++i) {
    out["p" + std::to_string(static_cast<int>(kBandPercentiles[i] * 100 + 0.5))] = value(p[i]);
  }
  return out;
}

std::string threshold_text(double threshold) {
  std::string out = "W > " + fmt::format("{}", threshold);
  if (threshold == cohort::kDefaultThresholdW) {
    out += " (the default, assumed: 0.10 / s1 with s1 = 4, docs/model.md section 4)";
  }
  return out;
}

}  // namespace

CohortPlanFigures cohort_plan_figures(const CohortSummary& s) {
  CohortPlanFigures f;
  f.people = s.people();
  f.above = s.people_above();
  f.above_share =
      f.people == 0 ? 0.0 : static_cast<double>(f.above) / static_cast<double>(f.people);
  f.days_above_median = std::max(0, cohort::histogram_quantile(s.days_above(), 0.5));
  f.days_above_p90 = std::max(0, cohort::histogram_quantile(s.days_above(), 0.9));
  const auto of_above = s.days_above().subspan(1);  // people with at least one day above
  if (f.above > 0) {
    f.days_above_median_of_above = cohort::histogram_quantile(of_above, 0.5) + 1;
    f.days_above_p90_of_above = cohort::histogram_quantile(of_above, 0.9) + 1;
  }
  std::uint64_t with_peak = 0;
  for (auto c : s.peak_day()) with_peak += c;
  f.no_withdrawal = f.people - with_peak;
  for (std::size_t i = 0; i < kBandPercentiles.size(); ++i) {
    const double q = kBandPercentiles[i];
    f.peak_withdrawal[i] = s.people() == 0 ? 0.0 : s.peak_withdrawal().quantile(q);
    f.peak_day[i] = cohort::histogram_quantile(s.peak_day(), q);
    f.remaining_below_day[i] = cohort::remaining_below_quantile(s, q);
  }
  f.remaining_below_day_p90 = cohort::remaining_below_quantile(s, 0.9);
  f.remaining_not_below = s.remaining_below_day().back();
  return f;
}

std::string cohort_table(const cohort::CohortResult& result) {
  const cohort::CohortStudy& study = result.study;
  std::vector<CohortPlanFigures> figures;
  for (const auto& s : result.summaries) figures.push_back(cohort_plan_figures(s));
  const int days = study.days;

  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
  const auto row = [&](std::string label, auto cell) {
    std::vector<std::string> cells;
    for (const auto& f : figures) cells.push_back(cell(f));
    rows.emplace_back(std::move(label), std::move(cells));
  };
  row("people", [](const CohortPlanFigures& f) { return std::to_string(f.people); });
  row("above the threshold on any day",
      [](const CohortPlanFigures& f) { return count_and_share(f.above, f.people); });
  row("days above: median / 90th pct", [](const CohortPlanFigures& f) {
    return std::to_string(f.days_above_median) + " / " + std::to_string(f.days_above_p90);
  });
  row("  of those above: median / 90th pct", [](const CohortPlanFigures& f) {
    if (!f.days_above_median_of_above) return std::string("-");
    return std::to_string(*f.days_above_median_of_above) + " / " +
           std::to_string(*f.days_above_p90_of_above);
  });
  row("peak W: median (5th-95th pct)",
      [](const CohortPlanFigures& f) { return median_and_range(f.peak_withdrawal, w_text); });
  row("day of peak W: median (5th-95th)", [](const CohortPlanFigures& f) {
    if (f.peak_day[2] < 0) return std::string("-");
    return median_and_range(f.peak_day, [](int d) { return std::to_string(d); });
  });
  row("no withdrawal pressure at all",
      [](const CohortPlanFigures& f) { return count_and_share(f.no_withdrawal, f.people); });
  row("day R < 10%: median (5th-95th)", [&](const CohortPlanFigures& f) {
    return median_and_range(f.remaining_below_day,
                            [&](const std::optional<int>& d) { return day_or_beyond(d, days); });
  });
  row("R not < 10% by day " + std::to_string(days - 1),
      [](const CohortPlanFigures& f) { return count_and_share(f.remaining_not_below, f.people); });

  std::vector<std::size_t> widths{0};
  for (const auto& [label, cells] : rows) widths[0] = std::max(widths[0], label.size());
  for (std::size_t p = 0; p < figures.size(); ++p) {
    std::size_t w = study.plans[p].label.size();
    for (const auto& r : rows) w = std::max(w, r.second[p].size());
    widths.push_back(w);
  }
  std::string out;
  std::uint64_t covered = 0;
  for (const auto& p : result.people) covered += p.end - p.first;
  out += "Virtual cohort: " + std::to_string(covered) + " people";
  if (covered != study.n) out += " of " + std::to_string(study.n);
  out += ", seed " + std::to_string(study.seed) + ", days 0-" + std::to_string(days - 1) + "\n";
  out += "Threshold: " + threshold_text(study.threshold_w) + "\n";
  out += "Population: " + study.population + " (sha256 " + study.population_sha256.substr(0, 12) +
         ")\n\n";
  const auto line = [&](const std::string& label, const std::vector<std::string>& cells) {
    append_left_aligned(out, label, widths[0] + 2);
    for (std::size_t p = 0; p < cells.size(); ++p) {
      if (p + 1 < cells.size()) {
        append_left_aligned(out, cells[p], widths[p + 1] + 2);
      } else {
        out += cells[p];
      }
    }
    out += "\n";
  };
  std::vector<std::string> header;
  for (const auto& p : study.plans) header.push_back(p.label);
  line("", header);
  for (const auto& [label, cells] : rows) line(label, cells);
  out += "\n" +
         wrap(
             "W is each day's highest hourly withdrawal pressure and R the adaptation remaining "
             "at the day's start (docs/model.md section 3). Day counts and shares are exact; "
             "W percentiles are within " +
                 fmt::format("{:.2f}", cohort::QuantileSketch::kRelativeError * 100.0) +
                 "% of the exact ones (a streaming sketch). The spread between people is "
                 "assumed (docs/model.md section 5): a model's draft for discussion, not a "
                 "prediction for anyone.",
             100, "", "");
  return out;
}

std::string cohort_json(const cohort::CohortResult& result) {
  using nlohmann::json;
  const cohort::CohortStudy& study = result.study;
  json plans = json::array();
  for (std::size_t p = 0; p < result.summaries.size(); ++p) {
    const CohortSummary& s = result.summaries[p];
    const CohortPlanFigures f = cohort_plan_figures(s);
    const auto same = [](auto v) { return v; };
    json bands = json::object();
    for (auto series : cohort::kAllSeries) {
      json b = json::object();
      for (std::size_t i = 0; i < kBandPercentiles.size(); ++i) {
        json values = json::array();
        for (int d = 0; d < s.days(); ++d) {
          values.push_back(s.people() == 0 ? 0.0 : s.band(series, d).quantile(kBandPercentiles[i]));
        }
        b["p" + std::to_string(static_cast<int>(kBandPercentiles[i] * 100 + 0.5))] =
            std::move(values);
      }
      bands[cohort::series_name(series)] = std::move(b);
    }
    plans.push_back(
        json{{"label", study.plans[p].label},
             {"sha256", study.plans[p].sha256},
             {"people", f.people},
             {"above", {{"people", f.above}, {"share", f.above_share}}},
             {"days_above",
              {{"median", f.days_above_median},
               {"p90", f.days_above_p90},
               {"of_those_above",
                {{"median", optional_day(f.days_above_median_of_above)},
                 {"p90", optional_day(f.days_above_p90_of_above)}}}}},
             {"peak_withdrawal", percentiles_json(f.peak_withdrawal, same)},
             {"peak_day",
              percentiles_json(f.peak_day, [](int d) { return d < 0 ? json(nullptr) : json(d); })},
             {"no_withdrawal", f.no_withdrawal},
             {"remaining_below_10pct_day", percentiles_json(f.remaining_below_day, optional_day)},
             {"remaining_below_10pct_day_p90", optional_day(f.remaining_below_day_p90)},
             {"remaining_not_below_10pct", f.remaining_not_below},
             {"bands", std::move(bands)}});
  }
  json people = json::array();
  std::uint64_t covered = 0;
  for (const auto& r : result.people) {
    people.push_back({r.first, r.end});
    covered += r.end - r.first;
  }
  const json doc{
      {"study",
       {{"n", study.n},
        {"seed", study.seed},
        {"threshold_w", study.threshold_w},
        {"threshold_is_default", study.threshold_w == cohort::kDefaultThresholdW},
        {"days", study.days},
        {"population", {{"file", study.population}, {"sha256", study.population_sha256}}},
        {"engine", study.engine}}},
      {"people_covered", covered},
      {"people", std::move(people)},
      {"sketch_relative_error", cohort::QuantileSketch::kRelativeError},
      {"plans", std::move(plans)}};
  return doc.dump(2) + "\n";
}

std::string cohort_csv(const cohort::CohortResult& result) {
  std::string out = "day,plan,series,p5,p25,p50,p75,p95\n";
  const int days = result.study.days;
  for (int d = 0; d < days; ++d) {
    for (std::size_t p = 0; p < result.summaries.size(); ++p) {
      const CohortSummary& s = result.summaries[p];
      for (auto series : cohort::kAllSeries) {
        out += std::to_string(d) + "," + csv_field(result.study.plans[p].label) + "," +
               cohort::series_name(series);
        for (double q : kBandPercentiles) {
          out += fmt::format(",{:.6g}", s.people() == 0 ? 0.0 : s.band(series, d).quantile(q));
        }
        out += "\n";
      }
    }
  }
  return out;
}

}  // namespace taperlab::report
