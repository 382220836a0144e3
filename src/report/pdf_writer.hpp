#pragma once

// A small owner of a libharu document (Debian's libhpdf-dev), for reports drawn on the server
// without a browser: pages of A4 or Letter, text in the standard Helvetica fonts and vector lines.
// libharu reports errors through a callback; the callback only records the error (no exception
// may unwind through the C library), and every call here checks it afterwards and throws PdfError.
// The document is freed by the destructor, whatever happened. hpdf.h stays out of this header.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/error.hpp"

namespace taperlab::report {

class PdfError : public Error {
 public:
  explicit PdfError(const std::string& message) : Error(ErrorCode::kInternal, message) {}
};

// UTF-8 to the Windows-1252 bytes of the standard fonts' WinAnsiEncoding: Latin-1 as is, the
// typographic quotes, dashes, bullet, ellipsis and euro sign to their 1252 codes, a few common
// signs spelled out (">=" for "≥", "<=", "->", "-" for the minus sign), everything else "?" (as is
// a malformed sequence). Control characters become spaces.
std::string to_win_ansi(std::string_view utf8);

struct PdfColor {
  double r = 0.0;
  double g = 0.0;
  double b = 0.0;
};
// "#1f5fa8" -> {0.12, 0.37, 0.66}; black when malformed.
PdfColor parse_color(std::string_view hex);

enum class PdfFont { kRegular, kBold, kOblique };

class PdfWriter {
 public:
  // Width and height in points (1/72 inch): A4 is 595.28 x 841.89, Letter 612 x 792.
  PdfWriter(double page_width, double page_height);
  ~PdfWriter();
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  void add_page();
  [[nodiscard]] int pages() const { return pages_; }
  [[nodiscard]] double width() const { return width_; }
  [[nodiscard]] double height() const { return height_; }

  // Text is UTF-8 (converted by to_win_ansi); (x, y) is the baseline's start, y up from the
  // bottom of the page.
  void text(double x, double y, std::string_view utf8, PdfFont font, double size,
            PdfColor color = {});
  [[nodiscard]] double text_width(std::string_view utf8, PdfFont font, double size);

  void line_style(double width, PdfColor color, bool dashed = false);
  void move_to(double x, double y);
  void line_to(double x, double y);
  void stroke();
  void fill_rectangle(double x, double y, double w, double h, PdfColor color);
  void stroke_rectangle(double x, double y, double w, double h);
  // A closed polygon filled with `color` (the band of a forecast), points as (x, y).
  void fill_polygon(const std::vector<std::pair<double, double>>& points, PdfColor color);

  // The finished document.
  [[nodiscard]] std::string bytes();

  struct State;  // the error the callback recorded (pdf_writer.cpp)

 private:
  void check(const char* what);
  void* font(PdfFont font);

  std::unique_ptr<State> state_;
  void* doc_ = nullptr;   // HPDF_Doc
  void* page_ = nullptr;  // HPDF_Page
  void* fonts_[3] = {nullptr, nullptr, nullptr};
  int pages_ = 0;
  double width_;
  double height_;
};

}  // namespace taperlab::report
