// wrap() writes its lines straight into the answer; these cases hold it to the line-by-line
// version it replaced (kept here as the reference), on the cases that matter for the tables:
// indents, words longer than a line, explicit breaks, runs of spaces and empty text.

#include "report/report_format.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace taperlab::report {
namespace {

std::string reference_wrap(std::string_view text, std::size_t width, std::string_view first_indent,
                           std::string_view rest_indent) {
  std::string out;
  std::string line(first_indent);
  bool line_has_word = false;
  std::size_t pos = 0;
  auto flush = [&] {
    out += line;
    out += '\n';
    line = std::string(rest_indent);
    line_has_word = false;
  };
  while (pos < text.size()) {
    if (text[pos] == '\n') {
      flush();
      ++pos;
      continue;
    }
    if (text[pos] == ' ') {
      ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
    const std::string_view word = text.substr(pos, end - pos);
    if (line_has_word && line.size() + 1 + word.size() > width) flush();
    if (line_has_word) line += ' ';
    line += word;
    line_has_word = true;
    pos = end;
  }
  if (line_has_word || out.empty()) flush();
  return out;
}

TEST(ReportFormat, WrapBreaksBetweenWordsAndIndents) {
  EXPECT_EQ(wrap("aaa bbb ccc", 9, "  ", "    "), "  aaa bbb\n    ccc\n");
  EXPECT_EQ(wrap("", 10, "  ", "    "), "  \n");
  EXPECT_EQ(wrap("one\n", 10, "", "  "), "one\n");
  EXPECT_EQ(wrap("averyveryverylongword x", 5, "", ""), "averyveryverylongword\nx\n");
}

TEST(ReportFormat, WrapWritesWhatTheLineByLineVersionDid) {
  const std::vector<std::string> fixed = {"",
                                          " ",
                                          "\n",
                                          "\n\n",
                                          "a",
                                          "a\n",
                                          "\na",
                                          "a  b",
                                          "  lead",
                                          "trail  ",
                                          "a\n\nb",
                                          "a \n b",
                                          "x\n ",
                                          "word ",
                                          "longerthanwidth tiny",
                                          "each day: 0.59 mg clonazepam (11.8 mg)"};
  std::mt19937 rng(20261203);
  const std::string alphabet = "ab c\n  de";
  std::vector<std::string> texts = fixed;
  for (int i = 0; i < 3000; ++i) {
    std::string t;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) t += alphabet[rng() % alphabet.size()];
    texts.push_back(t);
  }
  int compared = 0;
  for (const auto& t : texts) {
    for (std::size_t width : {1u, 3u, 8u, 20u, 100u}) {
      for (const auto& [first, rest] :
           {std::pair<std::string, std::string>{"", ""}, {"  ", "    "}, {"    ", "  "}}) {
        ASSERT_EQ(wrap(t, width, first, rest), reference_wrap(t, width, first, rest))
            << "text '" << t << "' width " << width;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, static_cast<int>(texts.size()) * 15);
}

}  // namespace
}  // namespace taperlab::report
