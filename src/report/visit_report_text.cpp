// The visit report as plain text: the same document as the HTML and PDF, charts as a line each.
#include <algorithm>

#include "report/report_format.hpp"
#include "report/visit_report.hpp"

namespace taperlab::report {
namespace {

constexpr std::size_t kWidth = 100;

std::size_t columns(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Columns as wide as their widest cell, the last one wrapped into what is left of the line.
std::string text_table(const Block& t) {
  const std::size_t n = t.header.size();
  std::vector<std::size_t> width(n, 0);
  for (std::size_t i = 0; i < n; ++i) width[i] = columns(t.header[i]);
  for (const auto& row : t.rows) {
    for (std::size_t i = 0; i < n && i < row.size(); ++i)
      width[i] = std::max(width[i], columns(row[i]));
  }
  std::size_t before_last = 2;
  for (std::size_t i = 0; i + 1 < n; ++i) before_last += width[i] + 2;
  const std::size_t last_width = kWidth > before_last + 20 ? kWidth - before_last : 20;
  std::string out;
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string start = "  ";
    for (std::size_t i = 0; i + 1 < n; ++i) {
      append_left_aligned(start, i < cells.size() ? cells[i] : "", width[i]);
      start += "  ";
    }
    const std::string last = n > 0 && n - 1 < cells.size() ? cells[n - 1] : "";
    // Every line of the last cell starts at the same column; the first line's indent is `start`.
    const std::string indent(before_last, ' ');
    const std::string wrapped = wrap(last, before_last + last_width, indent, indent);
    out += start + wrapped.substr(before_last);
  };
  line(t.header);
  for (const auto& row : t.rows) line(row);
  return out;
}

}  // namespace

std::string visit_report_text(const VisitReport& report) {
  const VisitDocument doc = layout_visit_report(report);
  std::string out = doc.title + "\n";
  for (const auto& s : doc.subtitle) out += wrap(s, kWidth, "", "");
  out += "Paper: " + std::string(to_string(doc.paper)) + "\n";
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading:
        out += "\n" + b.text + "\n";
        break;
      case Block::Kind::kParagraph:
        out += wrap(b.text, kWidth, "  ", "  ");
        break;
      case Block::Kind::kAlert:
        out += wrap("! " + b.text, kWidth, "", "  ");
        break;
      case Block::Kind::kNote:
        out += wrap(b.text, kWidth, "  ", "  ");
        break;
      case Block::Kind::kTable:
        out += text_table(b);
        break;
      case Block::Kind::kChart:
        out += wrap("[" + b.chart.summary + "]", kWidth, "  ", "   ");
        break;
    }
  }
  out += "\n" + doc.footer + "\n";
  return out;
}

}  // namespace taperlab::report
