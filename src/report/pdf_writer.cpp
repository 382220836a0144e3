#include "report/pdf_writer.hpp"

#include <hpdf.h>

#include <cstdint>
#include <cstdio>
#include <vector>

namespace taperlab::report {

struct PdfWriter::State {
  HPDF_STATUS error = HPDF_OK;
  HPDF_STATUS detail = 0;
};

namespace {

// Called by libharu on any error. It must not throw through C: it records, and the wrapper
// throws once the call has returned.
void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
  auto* state = static_cast<PdfWriter::State*>(user_data);
  if (state->error == HPDF_OK) {
    state->error = error_no;
    state->detail = detail_no;
  }
}

void append_utf8_replacement(std::string& out, std::uint32_t cp) {
  // Windows-1252's own codes for 0x80-0x9F.
  switch (cp) {
    case 0x20AC:
      out += '\x80';
      return;  // euro sign
    case 0x201A:
      out += '\x82';
      return;
    case 0x201E:
      out += '\x84';
      return;
    case 0x2026:
      out += '\x85';
      return;  // ellipsis
    case 0x2018:
      out += '\x91';
      return;
    case 0x2019:
      out += '\x92';
      return;
    case 0x201C:
      out += '\x93';
      return;
    case 0x201D:
      out += '\x94';
      return;
    case 0x2022:
      out += '\x95';
      return;  // bullet
    case 0x2013:
      out += '\x96';
      return;  // en dash
    case 0x2014:
      out += '\x97';
      return;  // em dash
    case 0x2122:
      out += '\x99';
      return;
    case 0x2212:
      out += '-';
      return;  // minus sign
    case 0x2264:
      out += "<=";
      return;
    case 0x2265:
      out += ">=";
      return;
    case 0x2192:
      out += "->";
      return;
    case 0x2190:
      out += "<-";
      return;
    case 0x2248:
      out += "~";
      return;
    case 0x2009:
    case 0x202F:
    case 0x2002:
    case 0x2003:
      out += ' ';
      return;  // thin and other spaces
    default:
      out += '?';
  }
}

}  // namespace

std::string to_win_ansi(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(c);
      ++i;
      continue;
    }
    int extra = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {  // a stray continuation byte or an invalid lead byte
      out += '?';
      ++i;
      continue;
    }
    bool ok = true;
    for (int k = 1; ok && k <= extra; ++k) {
      if (i + static_cast<std::size_t>(k) >= utf8.size()) {
        ok = false;
        break;
      }
      const auto next = static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]);
      if ((next & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (next & 0x3F);
    }
    const bool overlong = (extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
                          (extra == 3 && cp < 0x10000) || cp > 0x10FFFF;
    if (!ok || overlong) {
      out += '?';
      ++i;  // resynchronise on the next byte
      continue;
    }
    i += static_cast<std::size_t>(extra) + 1;
    if (cp >= 0xA0 && cp <= 0xFF) {
      out += static_cast<char>(cp);  // Latin-1: the same code in 1252 (µ, °, ×, é, ...)
    } else if (cp >= 0x80 && cp < 0xA0) {
      out += ' ';  // C1 controls
    } else {
      append_utf8_replacement(out, cp);
    }
  }
  return out;
}

PdfColor parse_color(std::string_view hex) {
  if (hex.size() != 7 || hex[0] != '#') return {};
  unsigned r = 0;
  unsigned g = 0;
  unsigned b = 0;
  const std::string text(hex);
  if (std::sscanf(text.c_str(), "#%02x%02x%02x", &r, &g, &b) != 3) return {};
  return {r / 255.0, g / 255.0, b / 255.0};
}

PdfWriter::PdfWriter(double page_width, double page_height)
    : state_(std::make_unique<State>()), width_(page_width), height_(page_height) {
  doc_ = HPDF_New(on_error, state_.get());
  if (doc_ == nullptr) throw PdfError("cannot start a PDF document (out of memory?)");
  try {
    HPDF_SetCompressionMode(static_cast<HPDF_Doc>(doc_), HPDF_COMP_ALL);
    check("compression");
    const char* names[3] = {"Helvetica", "Helvetica-Bold", "Helvetica-Oblique"};
    for (int i = 0; i < 3; ++i) {
      fonts_[i] = HPDF_GetFont(static_cast<HPDF_Doc>(doc_), names[i], "WinAnsiEncoding");
      check("font");
    }
  } catch (...) {
    HPDF_Free(static_cast<HPDF_Doc>(doc_));
    throw;
  }
}

PdfWriter::~PdfWriter() { HPDF_Free(static_cast<HPDF_Doc>(doc_)); }

void PdfWriter::check(const char* what) {
  if (state_->error == HPDF_OK) return;
  char code[64];
  std::snprintf(code, sizeof code, "error 0x%04X, detail %u", static_cast<unsigned>(state_->error),
                static_cast<unsigned>(state_->detail));
  state_->error = HPDF_OK;
  HPDF_ResetError(static_cast<HPDF_Doc>(doc_));
  throw PdfError(std::string("PDF writer (libharu) failed at ") + what + ": " + code);
}

void* PdfWriter::font(PdfFont f) { return fonts_[static_cast<int>(f)]; }

void PdfWriter::add_page() {
  page_ = HPDF_AddPage(static_cast<HPDF_Doc>(doc_));
  check("add page");
  HPDF_Page_SetWidth(static_cast<HPDF_Page>(page_), static_cast<HPDF_REAL>(width_));
  HPDF_Page_SetHeight(static_cast<HPDF_Page>(page_), static_cast<HPDF_REAL>(height_));
  check("page size");
  ++pages_;
}

void PdfWriter::text(double x, double y, std::string_view utf8, PdfFont f, double size,
                     PdfColor color) {
  if (page_ == nullptr) throw PdfError("PDF writer: text before the first page");
  const std::string bytes = to_win_ansi(utf8);
  auto* page = static_cast<HPDF_Page>(page_);
  HPDF_Page_SetRGBFill(page, static_cast<HPDF_REAL>(color.r), static_cast<HPDF_REAL>(color.g),
                       static_cast<HPDF_REAL>(color.b));
  HPDF_Page_BeginText(page);
  HPDF_Page_SetFontAndSize(page, static_cast<HPDF_Font>(font(f)), static_cast<HPDF_REAL>(size));
  HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), bytes.c_str());
  HPDF_Page_EndText(page);
  check("text");
}

double PdfWriter::text_width(std::string_view utf8, PdfFont f, double size) {
  const std::string bytes = to_win_ansi(utf8);
  // Widths come from the font's metrics (1/1000 of the size), with no page needed.
  const HPDF_TextWidth tw = HPDF_Font_TextWidth(static_cast<HPDF_Font>(font(f)),
                                                reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                                                static_cast<HPDF_UINT>(bytes.size()));
  check("text width");
  return tw.width * size / 1000.0;
}

void PdfWriter::line_style(double width, PdfColor color, bool dashed) {
  auto* page = static_cast<HPDF_Page>(page_);
  HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(width));
  HPDF_Page_SetRGBStroke(page, static_cast<HPDF_REAL>(color.r), static_cast<HPDF_REAL>(color.g),
                         static_cast<HPDF_REAL>(color.b));
  static const HPDF_UINT16 dash[] = {3, 2};
  HPDF_Page_SetDash(page, dashed ? dash : nullptr, dashed ? 2 : 0, 0);
  check("line style");
}

void PdfWriter::move_to(double x, double y) {
  HPDF_Page_MoveTo(static_cast<HPDF_Page>(page_), static_cast<HPDF_REAL>(x),
                   static_cast<HPDF_REAL>(y));
  check("move to");
}

void PdfWriter::line_to(double x, double y) {
  HPDF_Page_LineTo(static_cast<HPDF_Page>(page_), static_cast<HPDF_REAL>(x),
                   static_cast<HPDF_REAL>(y));
  check("line to");
}

void PdfWriter::stroke() {
  HPDF_Page_Stroke(static_cast<HPDF_Page>(page_));
  check("stroke");
}

void PdfWriter::fill_rectangle(double x, double y, double w, double h, PdfColor color) {
  auto* page = static_cast<HPDF_Page>(page_);
  HPDF_Page_SetRGBFill(page, static_cast<HPDF_REAL>(color.r), static_cast<HPDF_REAL>(color.g),
                       static_cast<HPDF_REAL>(color.b));
  HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y),
                      static_cast<HPDF_REAL>(w), static_cast<HPDF_REAL>(h));
  HPDF_Page_Fill(page);
  check("rectangle");
}

void PdfWriter::stroke_rectangle(double x, double y, double w, double h) {
  auto* page = static_cast<HPDF_Page>(page_);
  HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y),
                      static_cast<HPDF_REAL>(w), static_cast<HPDF_REAL>(h));
  HPDF_Page_Stroke(page);
  check("rectangle");
}

void PdfWriter::fill_polygon(const std::vector<std::pair<double, double>>& points, PdfColor color) {
  if (points.size() < 3) return;
  auto* page = static_cast<HPDF_Page>(page_);
  // The colour first: libharu refuses a colour change once a path is begun.
  HPDF_Page_SetRGBFill(page, static_cast<HPDF_REAL>(color.r), static_cast<HPDF_REAL>(color.g),
                       static_cast<HPDF_REAL>(color.b));
  HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(points[0].first),
                   static_cast<HPDF_REAL>(points[0].second));
  for (std::size_t i = 1; i < points.size(); ++i) {
    HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(points[i].first),
                     static_cast<HPDF_REAL>(points[i].second));
  }
  HPDF_Page_ClosePath(page);
  HPDF_Page_Fill(page);
  check("fill");
}

std::string PdfWriter::bytes() {
  auto* doc = static_cast<HPDF_Doc>(doc_);
  HPDF_SaveToStream(doc);
  check("save");
  const HPDF_UINT32 size = HPDF_GetStreamSize(doc);
  check("stream size");
  std::string out(size, '\0');
  HPDF_UINT32 read = size;
  HPDF_ResetStream(doc);
  check("rewind");
  const HPDF_STATUS status =
      HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &read);
  // Reading the last byte may report the end of the stream: not an error when all arrived.
  if (status == HPDF_STREAM_EOF && read == size) {
    state_->error = HPDF_OK;
    HPDF_ResetError(doc);
  }
  check("read");
  if (read != size) throw PdfError("PDF writer: short read of the finished document");
  return out;
}

}  // namespace taperlab::report
