// The cohort report's chart: the daily bands of W and R per plan, as one SVG image.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/cohort_report.hpp"
#include "report/report_format.hpp"

namespace taperlab::report {
namespace {

using cohort::CohortSummary;
using cohort::Series;

// Okabe and Ito's palette: told apart by people with the common colour-vision deficiencies.
constexpr std::array<const char*, 7> kPlanColours{"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                  "#E69F00", "#56B4E9", "#000000"};

constexpr double kSvgWidth = 960;
constexpr double kPanelHeight = 260;
constexpr double kLeft = 64;
constexpr double kRight = 24;
constexpr double kTop = 34;     // room for the panel's title
constexpr double kBottom = 40;  // room for the day axis

std::string n1(double x) { return fmt::format("{:.1f}", x); }

// 1, 2 or 5 times a power of ten, at least `rough`.
double nice_step(double rough) {
  const double p = std::pow(10.0, std::floor(std::log10(rough)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= rough) return m * p;
  }
  return 10 * p;
}

std::string tick_text(double v, double step) {
  const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
  return fmt::format("{:.{}f}", v, decimals);
}

struct Panel {
  Series series;
  std::string title;
  double top = 0;
  double y_max = 1;
};

// The polygon between two percentile lines of one plan.
std::string band_path(const CohortSummary& s, Series series, double lo_q, double hi_q,
                      const auto& x_of, const auto& y_of) {
  std::string d = "M";
  for (int day = 0; day < s.days(); ++day) {
    d += n1(x_of(day)) + "," + n1(y_of(s.band(series, day).quantile(hi_q))) + " ";
  }
  for (int day = s.days() - 1; day >= 0; --day) {
    d += n1(x_of(day)) + "," + n1(y_of(s.band(series, day).quantile(lo_q))) + " ";
  }
  d.back() = 'Z';
  return d;
}

std::string median_path(const CohortSummary& s, Series series, const auto& x_of, const auto& y_of) {
  std::string d = "M";
  for (int day = 0; day < s.days(); ++day) {
    d += n1(x_of(day)) + "," + n1(y_of(s.band(series, day).quantile(0.5))) + " ";
  }
  d.pop_back();
  return d;
}

}  // namespace

std::string cohort_svg(const cohort::CohortResult& result) {
  const int days = result.study.days;
  const double plot_w = kSvgWidth - kLeft - kRight;
  const double plot_h = kPanelHeight - kTop - kBottom;
  std::vector<Panel> panels{
      {Series::kWithdrawal, "W: each day's highest withdrawal pressure", 0, 0},
      {Series::kRemaining, "R: adaptation remaining at the day's start", kPanelHeight, 0}};
  for (auto& panel : panels) {
    double highest = panel.series == Series::kWithdrawal ? result.study.threshold_w : 1.0;
    for (const auto& s : result.summaries) {
      if (s.people() == 0) continue;
      for (int d = 0; d < days; ++d)
        highest = std::max(highest, s.band(panel.series, d).quantile(0.95));
    }
    panel.y_max = highest > 0 ? highest * 1.05 : 1.0;
  }
  const double legend_top = kPanelHeight * static_cast<double>(panels.size());
  const double height = legend_top + 24.0 * static_cast<double>(result.summaries.size()) + 30;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"Daily "
      "percentile bands of withdrawal pressure W and adaptation remaining R, per plan\">\n",
      kSvgWidth, height);
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  const auto x_of = [&](double day) {
    return kLeft + (days > 1 ? day / (days - 1) : 0.0) * plot_w;
  };
  const double x_step = nice_step(std::max(1.0, (days - 1) / 8.0));
  for (const auto& panel : panels) {
    const double y0 = panel.top + kTop;
    const auto y_of = [&](double v) {
      return y0 + plot_h * (1.0 - std::min(v, panel.y_max) / panel.y_max);
    };
    out += "<g class=\"panel\" data-series=\"" + std::string(cohort::series_name(panel.series)) +
           "\">\n";
    out += "<text x=\"" + n1(kLeft) + "\" y=\"" + n1(panel.top + 20) + "\" font-weight=\"bold\">" +
           markup_escape(panel.title) + "</text>\n";
    // Axes, grid lines and ticks.
    const double y_step = nice_step(panel.y_max / 4.0);
    for (double v = 0; v <= panel.y_max + 1e-12; v += y_step) {
      out += "<line x1=\"" + n1(kLeft) + "\" x2=\"" + n1(kLeft + plot_w) + "\" y1=\"" +
             n1(y_of(v)) + "\" y2=\"" + n1(y_of(v)) + "\" stroke=\"#dddddd\"/>\n";
      out += "<text x=\"" + n1(kLeft - 6) + "\" y=\"" + n1(y_of(v) + 4) +
             "\" text-anchor=\"end\">" + tick_text(v, y_step) + "</text>\n";
    }
    for (double day = 0; day <= days - 1; day += x_step) {
      out += "<line x1=\"" + n1(x_of(day)) + "\" x2=\"" + n1(x_of(day)) + "\" y1=\"" +
             n1(y0 + plot_h) + "\" y2=\"" + n1(y0 + plot_h + 4) + "\" stroke=\"#333333\"/>\n";
      out += "<text x=\"" + n1(x_of(day)) + "\" y=\"" + n1(y0 + plot_h + 16) +
             "\" text-anchor=\"middle\">" + tick_text(day, 1) + "</text>\n";
    }
    out += "<text x=\"" + n1(kLeft + plot_w) + "\" y=\"" + n1(y0 + plot_h + 32) +
           "\" text-anchor=\"end\">day</text>\n";
    out += "<line x1=\"" + n1(kLeft) + "\" x2=\"" + n1(kLeft + plot_w) + "\" y1=\"" +
           n1(y0 + plot_h) + "\" y2=\"" + n1(y0 + plot_h) + "\" stroke=\"#333333\"/>\n";
    for (std::size_t p = 0; p < result.summaries.size(); ++p) {
      const CohortSummary& s = result.summaries[p];
      if (s.people() == 0) continue;
      const char* colour = kPlanColours[p % kPlanColours.size()];
      const auto y = [&](double v) { return y_of(v); };
      out += fmt::format("<path class=\"band90\" d=\"{}\" fill=\"{}\" fill-opacity=\"0.15\"/>\n",
                         band_path(s, panel.series, 0.05, 0.95, x_of, y), colour);
      out += fmt::format("<path class=\"band50\" d=\"{}\" fill=\"{}\" fill-opacity=\"0.3\"/>\n",
                         band_path(s, panel.series, 0.25, 0.75, x_of, y), colour);
      out += fmt::format(
          "<path class=\"median\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\"/>\n",
          median_path(s, panel.series, x_of, y), colour);
    }
    if (panel.series == Series::kWithdrawal && result.study.threshold_w > 0) {
      const double ty = y_of(result.study.threshold_w);
      out += "<line class=\"threshold\" x1=\"" + n1(kLeft) + "\" x2=\"" + n1(kLeft + plot_w) +
             "\" y1=\"" + n1(ty) + "\" y2=\"" + n1(ty) +
             "\" stroke=\"#333333\" stroke-dasharray=\"4 3\"/>\n";
      out += "<text x=\"" + n1(kLeft + plot_w) + "\" y=\"" + n1(ty - 4) +
             "\" text-anchor=\"end\">threshold " + fmt::format("{}", result.study.threshold_w) +
             "</text>\n";
    }
    out += "</g>\n";
  }
  double y = legend_top + 10;
  for (std::size_t p = 0; p < result.summaries.size(); ++p) {
    const char* colour = kPlanColours[p % kPlanColours.size()];
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\"/><text x=\"{}\" "
        "y=\"{}\">{}</text>\n",
        n1(kLeft), n1(y), colour, n1(kLeft + 20), n1(y + 11),
        markup_escape(result.study.plans[p].label));
    y += 24;
  }
  out += "<text x=\"" + n1(kLeft) + "\" y=\"" + n1(y + 10) +
         "\">Light: 5th-95th percentile (90% of people); dark: 25th-75th (50%); line: "
         "median.</text>\n";
  out += "</svg>\n";
  return out;
}

}  // namespace taperlab::report
