#pragma once

// Small formatting helpers shared by the plan reports (not part of the public report API, but
// declared here so that they can be tested).

#include <string>
#include <string_view>

#include "core/plan/plan.hpp"

namespace taperlab::report {

// "10%", "12.5%" (one decimal at most).
std::string format_percent(double fraction);
// `text` followed by spaces to `width` columns (one per UTF-8 character), as a left-aligned
// table cell; never cut.
void append_left_aligned(std::string& out, std::string_view text, std::size_t width);
// Spaces, then `text`, to `width` columns: a right-aligned cell.
void append_right_aligned(std::string& out, std::string_view text, std::size_t width);

// Word-wraps `text` into lines of at most `width` columns (longer words stay whole), the first
// line starting with `first_indent`, the others with `rest_indent`. Each line ends with "\n".
std::string wrap(std::string_view text, std::size_t width, std::string_view first_indent,
                 std::string_view rest_indent);

// The date of `day` from the plan's start, "Mon 2027-01-04", or "day 12" without a start date.
std::string day_label(const Plan& plan, int day);

// The last day a step is taken (start_day + duration_days - 1), or its first day when open-ended.
int last_day(const TaperStep& step);

// "08:00 1 x 5 mg + 1/2 x 2 mg; 20:00 1 x 5 mg"
std::string doses_text(const PlannedDrug& drug);

// iCalendar TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newline.
std::string ics_escape(std::string_view text);
// Folds one content line at 75 octets (never inside a UTF-8 sequence) and ends every physical
// line with CRLF; continuation lines start with a space.
std::string ics_fold(std::string_view line);

// Text for HTML or SVG (XML) content and attribute values: & < > " and ' as entities.
std::string markup_escape(std::string_view text);

// A CSV field, quoted (with doubled quotes) when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);

}  // namespace taperlab::report
