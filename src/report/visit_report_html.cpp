// The visit report as one self-contained HTML page: inline CSS with print rules for the paper
// size, charts as inline SVG. Nothing is fetched: it opens the same offline, in a mail client or
// an electronic health record's viewer.
#include <algorithm>
#include <cmath>

#include "core/base/text.hpp"
#include "report/report_format.hpp"
#include "report/visit_report.hpp"

namespace taperlab::report {
namespace {

std::string num(double v) { return format_decimal(v, 1); }

constexpr double kW = 720.0;  // the SVG's own units; it scales to the page's width
constexpr double kH = 190.0;
constexpr double kLeft = 44.0;
constexpr double kRight = 10.0;
constexpr double kTop = 12.0;
constexpr double kBottom = 36.0;

std::string svg_chart(const Chart& c) {
  const double span = std::max(1, c.from.days_until(c.to));
  const auto x = [&](CivilDate d) {
    return kLeft + (kW - kLeft - kRight) * c.from.days_until(d) / span;
  };
  const auto y = [&](double v) {
    const double t = (std::clamp(v, c.y_min, c.y_max) - c.y_min) / (c.y_max - c.y_min);
    return kH - kBottom - (kH - kTop - kBottom) * t;
  };
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 " + num(kW) + " " + num(kH) +
                  "\" role=\"img\" aria-label=\"" + markup_escape(c.summary) + "\">";
  for (const double t : c.y_ticks) {
    s += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kW - kRight) + "\" y1=\"" + num(y(t)) +
         "\" y2=\"" + num(y(t)) + "\" class=\"grid\"/>";
    s += "<text x=\"" + num(kLeft - 4) + "\" y=\"" + num(y(t) + 3) + "\" class=\"ylab\">" +
         format_decimal(t, 1) + "</text>";
  }
  for (const CivilDate d : c.x_ticks) {
    s += "<line x1=\"" + num(x(d)) + "\" x2=\"" + num(x(d)) + "\" y1=\"" + num(kH - kBottom) +
         "\" y2=\"" + num(kH - kBottom + 4) + "\" class=\"axis\"/>";
    s += "<text x=\"" + num(x(d)) + "\" y=\"" + num(kH - kBottom + 15) + "\" class=\"xlab\">" +
         d.to_string() + "</text>";
  }
  s += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kW - kRight) + "\" y1=\"" + num(kH - kBottom) +
       "\" y2=\"" + num(kH - kBottom) + "\" class=\"axis\"/>";
  for (const auto& series : c.series) {
    for (const auto& run : series.runs) {
      if (series.style == ChartSeries::Style::kBand) {
        std::string pts;
        for (const auto& p : run) pts += num(x(p.date)) + "," + num(y(p.high)) + " ";
        for (auto it = run.rbegin(); it != run.rend(); ++it) {
          pts += num(x(it->date)) + "," + num(y(it->low)) + " ";
        }
        s += "<polygon points=\"" + pts + "\" fill=\"" + series.color +
             "\" fill-opacity=\"0.6\" stroke=\"none\"/>";
      } else if (series.style == ChartSeries::Style::kPoints) {
        for (const auto& p : run) {
          s += "<circle cx=\"" + num(x(p.date)) + "\" cy=\"" + num(y(p.y)) +
               "\" r=\"1.8\" fill=\"" + series.color + "\"/>";
        }
      } else {
        std::string pts;
        for (const auto& p : run) pts += num(x(p.date)) + "," + num(y(p.y)) + " ";
        s += "<polyline points=\"" + pts + "\" fill=\"none\" stroke=\"" + series.color +
             "\" stroke-width=\"1.6\"" +
             (series.style == ChartSeries::Style::kDashed ? " stroke-dasharray=\"4 3\"" : "") +
             "/>";
        if (run.size() == 1) {
          s += "<circle cx=\"" + num(x(run[0].date)) + "\" cy=\"" + num(y(run[0].y)) +
               "\" r=\"1.6\" fill=\"" + series.color + "\"/>";
        }
      }
    }
  }
  if (c.today && *c.today >= c.from && *c.today <= c.to) {
    s += "<line x1=\"" + num(x(*c.today)) + "\" x2=\"" + num(x(*c.today)) + "\" y1=\"" + num(kTop) +
         "\" y2=\"" + num(kH - kBottom) + "\" class=\"today\"/>";
  }
  // The legend under the axis labels.
  double lx = kLeft;
  for (const auto& series : c.series) {
    if (series.runs.empty()) continue;
    s += "<rect x=\"" + num(lx) + "\" y=\"" + num(kH - 12) +
         "\" width=\"10\" height=\"6\" fill=\"" + series.color + "\"/><text x=\"" + num(lx + 14) +
         "\" y=\"" + num(kH - 6) + "\" class=\"legend\">" + markup_escape(series.label) + "</text>";
    lx += 28 + 5.5 * static_cast<double>(series.label.size());
  }
  if (c.today) {
    s += "<text x=\"" + num(lx) + "\" y=\"" + num(kH - 6) +
         "\" class=\"legend\">| report date</text>";
  }
  return s + "</svg>";
}

std::string css(PaperSize paper) {
  return std::string(
             "*{box-sizing:border-box}"
             "body{font-family:Helvetica,Arial,sans-serif;font-size:10pt;color:#111;"
             "max-width:190mm;margin:1em auto;padding:0 1em;line-height:1.35}"
             "h1{font-size:16pt;margin:0 0 .2em}h2{font-size:11.5pt;margin:1em 0 .3em;"
             "border-bottom:1px solid #999}"
             ".sub{margin:0}.alert{border:2px solid #b03a2e;background:#fdedec;padding:.4em .6em;"
             "font-weight:bold;margin:.5em 0}"
             ".note{font-size:8.5pt;color:#333}"
             "table{border-collapse:collapse;width:100%;font-size:9pt;margin:.3em 0}"
             "th,td{border:1px solid #bbb;padding:2px 4px;text-align:left;vertical-align:top}"
             "th{background:#eee}"
             ".chart{width:100%;height:auto;display:block}"
             ".chart .grid{stroke:#ddd;stroke-width:.6}.chart .axis{stroke:#555;stroke-width:.8}"
             ".chart .today{stroke:#555;stroke-width:.8;stroke-dasharray:2 2}"
             ".chart text{font-size:9px;fill:#333}.chart .ylab{text-anchor:end}"
             ".chart .xlab{text-anchor:middle}"
             "footer{margin-top:1.2em;font-size:8.5pt;border-top:1px solid #999;padding-top:.3em}"
             ".page2{break-before:page}"
             "@page{size:") +
         (paper == PaperSize::kLetter ? "letter" : "A4") +
         ";margin:14mm}"
         "@media print{body{margin:0;max-width:none;padding:0;font-size:9pt}"
         "h2{break-after:avoid}table,svg,.alert{break-inside:avoid}}";
}

}  // namespace

std::string visit_report_html(const VisitReport& report) {
  const VisitDocument doc = layout_visit_report(report);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<title>" +
      markup_escape(doc.title + " - " + report.date.to_string()) + "</title><style>" +
      css(doc.paper) + "</style></head>\n<body>\n<header><h1>" + markup_escape(doc.title) + "</h1>";
  for (const auto& s : doc.subtitle) out += "<p class=\"sub\">" + markup_escape(s) + "</p>";
  out += "</header>\n<main>\n";
  bool in_page2 = false;
  for (const auto& b : doc.blocks) {
    if (b.page_break_before && !in_page2) {
      out += "<section class=\"page2\">\n";
      in_page2 = true;
    }
    switch (b.kind) {
      case Block::Kind::kHeading:
        out += "<h2>" + markup_escape(b.text) + "</h2>\n";
        break;
      case Block::Kind::kParagraph:
        out += "<p>" + markup_escape(b.text) + "</p>\n";
        break;
      case Block::Kind::kAlert:
        out += "<p class=\"alert\" role=\"alert\">" + markup_escape(b.text) + "</p>\n";
        break;
      case Block::Kind::kNote:
        out += "<p class=\"note\">" + markup_escape(b.text) + "</p>\n";
        break;
      case Block::Kind::kTable: {
        out += "<table><thead><tr>";
        for (const auto& h : b.header) out += "<th>" + markup_escape(h) + "</th>";
        out += "</tr></thead><tbody>";
        for (const auto& row : b.rows) {
          out += "<tr>";
          for (const auto& cell : row) out += "<td>" + markup_escape(cell) + "</td>";
          out += "</tr>";
        }
        out += "</tbody></table>\n";
        break;
      }
      case Block::Kind::kChart:
        out += "<figure><figcaption class=\"note\">" + markup_escape(b.chart.title) +
               "</figcaption>" + svg_chart(b.chart) + "</figure>\n";
        break;
    }
  }
  if (in_page2) out += "</section>\n";
  out += "</main>\n<footer>" + markup_escape(doc.footer) + "</footer>\n</body></html>\n";
  return out;
}

}  // namespace taperlab::report
