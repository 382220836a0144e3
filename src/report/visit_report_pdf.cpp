// The visit report as a PDF drawn with libharu: a flowing layout of the same document blocks as
// the HTML (pdf_writer.hpp), in standard Helvetica, tables with wrapped cells and the charts as
// vector lines. A4 or Letter as the report says.
#include <algorithm>
#include <cmath>

#include "core/base/text.hpp"
#include "report/pdf_writer.hpp"
#include "report/visit_report.hpp"

namespace taperlab::report {
namespace {

constexpr double kMargin = 40.0;
constexpr double kFooterSpace = 34.0;
constexpr double kBody = 8.5;
constexpr double kSmall = 7.5;
constexpr double kChartHeight = 118.0;
const PdfColor kBlack{0.07, 0.07, 0.07};
const PdfColor kGrey{0.45, 0.45, 0.45};
const PdfColor kLight{0.85, 0.85, 0.85};
const PdfColor kHeaderFill{0.92, 0.92, 0.92};
const PdfColor kAlertFill{0.99, 0.93, 0.93};
const PdfColor kAlertLine{0.69, 0.23, 0.18};

class Layout {
 public:
  Layout(PdfWriter& pdf, const VisitDocument& doc) : pdf_(pdf), doc_(doc) {
    width_ = pdf.width() - 2 * kMargin;
  }

  void run() {
    new_page();
    for (const auto& b : doc_.blocks) {
      if (b.page_break_before && pdf_.pages() == 1) new_page();
      switch (b.kind) {
        case Block::Kind::kHeading:
          heading(b.text);
          break;
        case Block::Kind::kParagraph:
          paragraph(b.text, PdfFont::kRegular, kBody, kBlack);
          break;
        case Block::Kind::kNote:
          paragraph(b.text, PdfFont::kRegular, kSmall, kGrey);
          break;
        case Block::Kind::kAlert:
          alert(b.text);
          break;
        case Block::Kind::kTable:
          table(b);
          break;
        case Block::Kind::kChart:
          chart(b.chart);
          break;
      }
    }
  }

 private:
  [[nodiscard]] double left() const { return kMargin; }
  [[nodiscard]] double bottom() const { return kFooterSpace + 8; }

  void new_page() {
    pdf_.add_page();
    y_ = pdf_.height() - kMargin;
    if (pdf_.pages() == 1) {
      y_ -= 15;
      pdf_.text(left(), y_, doc_.title, PdfFont::kBold, 15, kBlack);
      y_ -= 6;
      for (const auto& s : doc_.subtitle) paragraph(s, PdfFont::kRegular, 9, kBlack);
    } else {
      y_ -= 9;
      pdf_.text(left(), y_, doc_.title + " (continued)", PdfFont::kBold, 9, kGrey);
      y_ -= 4;
    }
    // The footer on every page: the draft notice and the page number.
    pdf_.line_style(0.5, kGrey);
    pdf_.move_to(left(), kFooterSpace);
    pdf_.line_to(left() + width_, kFooterSpace);
    pdf_.stroke();
    const auto lines = wrap_lines(doc_.footer, PdfFont::kOblique, kSmall, width_ - 50);
    double fy = kFooterSpace - 10;
    for (const auto& l : lines) {
      pdf_.text(left(), fy, l, PdfFont::kOblique, kSmall, kGrey);
      fy -= kSmall * 1.25;
    }
    const std::string page = "page " + std::to_string(pdf_.pages());
    pdf_.text(left() + width_ - pdf_.text_width(page, PdfFont::kRegular, kSmall), kFooterSpace - 10,
              page, PdfFont::kRegular, kSmall, kGrey);
  }

  // Room for `height` points below the cursor, else a new page.
  void need(double height) {
    if (y_ - height < bottom()) new_page();
  }

  std::vector<std::string> wrap_lines(const std::string& text, PdfFont font, double size,
                                      double max_width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      const std::size_t end = std::min(text.find(' ', pos), text.size());
      const std::string word = text.substr(pos, end - pos);
      pos = end + 1;
      if (word.empty()) continue;
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (!line.empty() && pdf_.text_width(candidate, font, size) > max_width) {
        lines.push_back(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    if (!line.empty()) lines.push_back(line);
    if (lines.empty()) lines.emplace_back();
    return lines;
  }

  void heading(const std::string& text) {
    // A heading never ends a page: keep room for a few lines under it.
    need(10.5 * 1.4 + 40);
    y_ -= 8;
    y_ -= 10.5;
    pdf_.text(left(), y_, text, PdfFont::kBold, 10.5, kBlack);
    y_ -= 3;
    pdf_.line_style(0.5, kGrey);
    pdf_.move_to(left(), y_);
    pdf_.line_to(left() + width_, y_);
    pdf_.stroke();
    y_ -= 3;
  }

  void paragraph(const std::string& text, PdfFont font, double size, PdfColor color) {
    const double lh = size * 1.3;
    for (const auto& l : wrap_lines(text, font, size, width_)) {
      need(lh);
      y_ -= lh;
      pdf_.text(left(), y_ + size * 0.25, l, font, size, color);
    }
    y_ -= 2;
  }

  void alert(const std::string& text) {
    const double lh = kBody * 1.3;
    const auto lines = wrap_lines(text, PdfFont::kBold, kBody, width_ - 12);
    const double h = lh * static_cast<double>(lines.size()) + 8;
    need(h + 6);
    y_ -= 4;
    pdf_.fill_rectangle(left(), y_ - h, width_, h, kAlertFill);
    pdf_.line_style(1.5, kAlertLine);
    pdf_.stroke_rectangle(left(), y_ - h, width_, h);
    double ty = y_ - 4;
    for (const auto& l : lines) {
      ty -= lh;
      pdf_.text(left() + 6, ty + kBody * 0.25, l, PdfFont::kBold, kBody, kBlack);
    }
    y_ -= h + 4;
  }

  void table(const Block& t) {
    const std::size_t n = t.header.size();
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) total += i < t.widths.size() ? t.widths[i] : 1.0;
    std::vector<double> w(n);
    for (std::size_t i = 0; i < n; ++i) {
      w[i] = width_ * (i < t.widths.size() ? t.widths[i] : 1.0) / total;
    }
    const double lh = kSmall * 1.25;
    const auto row = [&](const std::vector<std::string>& cells, bool header) {
      const PdfFont font = header ? PdfFont::kBold : PdfFont::kRegular;
      std::vector<std::vector<std::string>> wrapped(n);
      std::size_t most = 1;
      for (std::size_t i = 0; i < n; ++i) {
        wrapped[i] = wrap_lines(i < cells.size() ? cells[i] : "", font, kSmall, w[i] - 6);
        most = std::max(most, wrapped[i].size());
      }
      const double h = lh * static_cast<double>(most) + 4;
      need(h);
      if (header) pdf_.fill_rectangle(left(), y_ - h, width_, h, kHeaderFill);
      double x = left();
      for (std::size_t i = 0; i < n; ++i) {
        double ty = y_ - 2;
        for (const auto& l : wrapped[i]) {
          ty -= lh;
          pdf_.text(x + 3, ty + kSmall * 0.3, l, font, kSmall, kBlack);
        }
        x += w[i];
      }
      y_ -= h;
      pdf_.line_style(0.4, kLight);
      pdf_.move_to(left(), y_);
      pdf_.line_to(left() + width_, y_);
      pdf_.stroke();
    };
    y_ -= 2;
    row(t.header, true);
    for (const auto& r : t.rows) row(r, false);
    y_ -= 4;
  }

  void chart(const Chart& c) {
    need(kChartHeight + 4);
    y_ -= 2;
    y_ -= kSmall * 1.3;
    pdf_.text(left(), y_, c.title, PdfFont::kOblique, kSmall, kGrey);
    const double x0 = left() + 30;
    const double x1 = left() + width_ - 4;
    const double top = y_ - 6;
    const double base = y_ - kChartHeight + 30;
    const double span = std::max(1, c.from.days_until(c.to));
    const auto x = [&](CivilDate d) { return x0 + (x1 - x0) * c.from.days_until(d) / span; };
    const auto y = [&](double v) {
      const double t = (std::clamp(v, c.y_min, c.y_max) - c.y_min) / (c.y_max - c.y_min);
      return base + (top - base) * t;
    };
    for (const double t : c.y_ticks) {
      pdf_.line_style(0.3, kLight);
      pdf_.move_to(x0, y(t));
      pdf_.line_to(x1, y(t));
      pdf_.stroke();
      const std::string label = format_decimal(t, 1);
      pdf_.text(x0 - 3 - pdf_.text_width(label, PdfFont::kRegular, 6.5), y(t) - 2, label,
                PdfFont::kRegular, 6.5, kGrey);
    }
    pdf_.line_style(0.6, kGrey);
    pdf_.move_to(x0, base);
    pdf_.line_to(x1, base);
    pdf_.stroke();
    for (const CivilDate d : c.x_ticks) {
      pdf_.move_to(x(d), base);
      pdf_.line_to(x(d), base - 3);
      pdf_.stroke();
      const std::string label = d.to_string();
      const double lw = pdf_.text_width(label, PdfFont::kRegular, 6.5);
      pdf_.text(std::clamp(x(d) - lw / 2, left(), x1 - lw), base - 11, label, PdfFont::kRegular,
                6.5, kGrey);
    }
    for (const auto& s : c.series) {
      const PdfColor color = parse_color(s.color);
      for (const auto& run : s.runs) {
        if (run.empty()) continue;
        switch (s.style) {
          case ChartSeries::Style::kBand:
            if (run.size() < 2) break;
            {
              std::vector<std::pair<double, double>> outline;
              for (const auto& p : run) outline.emplace_back(x(p.date), y(p.high));
              for (auto it = run.rbegin(); it != run.rend(); ++it) {
                outline.emplace_back(x(it->date), y(it->low));
              }
              pdf_.fill_polygon(outline, color);
              break;
            }
          case ChartSeries::Style::kPoints:
            for (const auto& p : run)
              pdf_.fill_rectangle(x(p.date) - 1.1, y(p.y) - 1.1, 2.2, 2.2, color);
            break;
          case ChartSeries::Style::kLine:
          case ChartSeries::Style::kDashed:
            if (run.size() == 1) {
              pdf_.fill_rectangle(x(run[0].date) - 1, y(run[0].y) - 1, 2, 2, color);
              break;
            }
            pdf_.line_style(1.1, color, s.style == ChartSeries::Style::kDashed);
            pdf_.move_to(x(run.front().date), y(run.front().y));
            for (const auto& p : run) pdf_.line_to(x(p.date), y(p.y));
            pdf_.stroke();
            break;
        }
      }
    }
    if (c.today && *c.today >= c.from && *c.today <= c.to) {
      pdf_.line_style(0.6, kGrey, true);
      pdf_.move_to(x(*c.today), base);
      pdf_.line_to(x(*c.today), top);
      pdf_.stroke();
    }
    double lx = x0;
    const double ly = base - 22;
    for (const auto& s : c.series) {
      if (s.runs.empty()) continue;
      pdf_.fill_rectangle(lx, ly, 8, 5, parse_color(s.color));
      pdf_.text(lx + 11, ly, s.label, PdfFont::kRegular, 6.5, kBlack);
      lx += 20 + pdf_.text_width(s.label, PdfFont::kRegular, 6.5);
    }
    if (c.today) pdf_.text(lx, ly, "dashed line: report date", PdfFont::kRegular, 6.5, kGrey);
    y_ = base - 26;
  }

  PdfWriter& pdf_;
  const VisitDocument& doc_;
  double width_ = 0.0;
  double y_ = 0.0;
};

}  // namespace

std::string visit_report_pdf(const VisitReport& report) {
  const VisitDocument doc = layout_visit_report(report);
  PdfWriter pdf(doc.paper == PaperSize::kLetter ? 612.0 : 595.28,
                doc.paper == PaperSize::kLetter ? 792.0 : 841.89);
  Layout(pdf, doc).run();
  return pdf.bytes();
}

}  // namespace taperlab::report
