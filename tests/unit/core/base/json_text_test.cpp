// JsonText writes what nlohmann::json::dump() prints for the same values: the plan preview's
// answer is written with it and must read as every other answer does.

#include "core/base/json_text.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>

namespace taperlab {
namespace {

std::string number_text(double x) {
  std::string out;
  JsonText(out).value(x);
  return out;
}

std::string string_text(const std::string& s) {
  std::string out;
  JsonText(out).value(s);
  return out;
}

TEST(JsonText, NumbersPrintAsDumpPrintsThem) {
  const double samples[] = {0.0,     -0.0,    1.0,     2.0,      -3.0,  0.1,    0.125,
                            16.2,    1e-5,    1.5e-7,  123456.0, 1e15,  1e16,   1e21,
                            -2.5e-9, 1.0 / 3, 2.0 / 3, 0.99999,  1e308, 5e-324, 14.000000000000002};
  for (const double x : samples) EXPECT_EQ(number_text(x), nlohmann::json(x).dump()) << x;
  for (const double x : {1e-4, 1.25e-4, 999999999999999.0, 123456789.125}) {
    EXPECT_EQ(number_text(x), nlohmann::json(x).dump()) << x;  // where the layouts change
  }
  EXPECT_EQ(number_text(2.0), "2.0");
  EXPECT_EQ(number_text(1e-5), "1e-05");
  EXPECT_EQ(number_text(1.5e20), "1.5e+20");
  EXPECT_EQ(number_text(-0.0), "-0.0");
  for (const long long n :
       {0LL, 1LL, -1LL, 42LL, -9223372036854775807LL - 1, 9223372036854775807LL}) {
    std::string out;
    JsonText(out).value(static_cast<std::int64_t>(n));
    EXPECT_EQ(out, nlohmann::json(n).dump());
  }
}

// Where the text of a number lies: its sign, the digits before the point, and the exponent.
std::string layout(const std::string& text) {
  std::string shape;
  for (const char c : text) shape += (c >= '0' && c <= '9') ? '9' : c;
  const auto e = shape.find('e');
  const auto point = shape.find('.');
  return shape.substr(0, point == std::string::npos ? e : point) +
         (e == std::string::npos ? "" : text.substr(e));
}

// dump() prints with Grisu2, which almost always finds the shortest digits; std::to_chars always
// does (and, of the shortest, the closest). So the text reads back as the number, is never longer
// than dump()'s, is laid out as dump() lays it out, and is dump()'s text wherever that is shortest.
TEST(JsonText, NumbersAreTheShortestTextThatReadsBackLaidOutAsDumpLaysThemOut) {
  std::mt19937_64 rng(20261203);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> exponent(-30, 30);
  int same = 0;
  const int count = 20000;
  for (int i = 0; i < count; ++i) {
    const double x = (unit(rng) - 0.5) * std::pow(10.0, exponent(rng));
    const std::string text = number_text(x);
    const std::string dumped = nlohmann::json(x).dump();
    ASSERT_EQ(nlohmann::json::parse(text).get<double>(), x) << text;
    ASSERT_LE(text.size(), dumped.size()) << text << " " << dumped;
    ASSERT_EQ(layout(text), layout(dumped)) << text << " " << dumped;
    same += text == dumped ? 1 : 0;
  }
  EXPECT_GT(same, count * 99 / 100);
}

TEST(JsonText, NumbersThatAreNotFiniteAreNull) {
  EXPECT_EQ(number_text(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(number_text(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(number_text(-std::numeric_limits<double>::infinity()), "null");
}

std::string rounded_text(double x, int decimals) {
  std::string out;
  JsonText(out).rounded(x, decimals);
  return out;
}

TEST(JsonText, RoundedNumbersPrintTheRoundedValueInFewestDigits) {
  EXPECT_EQ(rounded_text(0.123456, 5), "0.12346");
  EXPECT_EQ(rounded_text(16.2, 3), "16.2");
  EXPECT_EQ(rounded_text(1.0, 5), "1");
  EXPECT_EQ(rounded_text(0.0, 5), "0");
  EXPECT_EQ(rounded_text(-0.000001, 3), "0");  // never "-0"
  EXPECT_EQ(rounded_text(-2.5049, 2), "-2.5");
  EXPECT_EQ(rounded_text(-0.05, 1), "-0.1");
  EXPECT_EQ(rounded_text(1.05, 2), "1.05");
  EXPECT_EQ(rounded_text(100.0, 0), "100");
  EXPECT_EQ(rounded_text(99.96, 1), "100");
  EXPECT_EQ(rounded_text(0.000001, 6), "0.000001");
  EXPECT_EQ(rounded_text(std::numeric_limits<double>::quiet_NaN(), 2), "null");
  EXPECT_THROW(rounded_text(1.0, 7), std::logic_error);
}

TEST(JsonText, RoundedNumbersReadBackAsTheRoundedValue) {
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> magnitude(-8.0, 6.0);
  std::uniform_int_distribution<int> decimals(0, 6);
  for (int i = 0; i < 20000; ++i) {
    const double x = (i % 2 ? -1.0 : 1.0) * std::pow(10.0, magnitude(random));
    const int d = decimals(random);
    const double scale = std::pow(10.0, d);
    const std::string text = rounded_text(x, d);
    EXPECT_EQ(nlohmann::json::parse(text).get<double>(), std::round(x * scale) / scale + 0.0)
        << x << " to " << d << " places: " << text;
  }
}

TEST(JsonText, RoundedNumbersInAnArrayAreSeparated) {
  std::string out;
  JsonText j(out);
  j.begin_array().rounded(0.5, 1).rounded(-1.25, 2).rounded(3.0, 3).end_array();
  j.finish();
  EXPECT_EQ(out, "[0.5,-1.25,3]");
}

TEST(JsonText, StringsAreEscapedAsDumpEscapesThem) {
  std::string every_control;
  for (int c = 1; c < 0x20; ++c) every_control += static_cast<char>(c);
  const std::string samples[] = {"",
                                 "plain",
                                 "quote \" and backslash \\ and slash /",
                                 "line\nbreak\ttab\rreturn\bback\fform",
                                 every_control,
                                 std::string("nul\0inside", 10),
                                 "d\xc3\xa9j\xc3\xa0 vu, \xe2\x80\x94 dash, \xf0\x9f\x92\x8a pill",
                                 "del \x7f kept"};
  for (const auto& s : samples) EXPECT_EQ(string_text(s), nlohmann::json(s).dump()) << s;
}

TEST(JsonText, StringsOfEveryLengthAreEscapedAsDumpEscapesThem) {
  // Short strings without escapes take a shorter path than long ones and escaped ones.
  for (std::size_t n = 0; n < 120; ++n) {
    const std::string plain(n, 'a');
    EXPECT_EQ(string_text(plain), nlohmann::json(plain).dump()) << n;
    std::string escaped = plain;
    escaped.insert(escaped.size() / 2, "\"\n");
    EXPECT_EQ(string_text(escaped), nlohmann::json(escaped).dump()) << n;
  }
}

TEST(JsonText, EveryByteIsFoundWhereverItStands) {
  // Strings are scanned eight bytes at a time: each ASCII byte, and a multi-byte character, at
  // every position of the first words.
  std::vector<std::string> inserts;
  for (int c = 1; c < 0x80; ++c) inserts.emplace_back(1, static_cast<char>(c));
  inserts.emplace_back("\xc3\xa9");          // é
  inserts.emplace_back("\xe2\x80\x94");      // an em dash
  inserts.emplace_back("\xf0\x9f\x92\x8a");  // a pill
  for (const auto& insert : inserts) {
    for (std::size_t at = 0; at <= 17; ++at) {
      std::string text(17, 'a');
      text.insert(at, insert);
      ASSERT_EQ(string_text(text), nlohmann::json(text).dump()) << text;
    }
  }
}

TEST(JsonText, KeysAreEscapedAndSeparated) {
  std::string out;
  JsonText j(out);
  const std::string long_key(60, 'k');
  j.begin_object().key("a\"b").value(1).key(long_key).value("v").key("t\tab").begin_array();
  j.value(1).end_array().end_object();
  j.finish();
  const nlohmann::json expected = {{"a\"b", 1}, {long_key, "v"}, {"t\tab", {1}}};
  EXPECT_EQ(out, expected.dump());
}

TEST(JsonText, DatesPrintAsTheirText) {
  std::string out;
  JsonText j(out);
  const CivilDate start = parse_civil_date("2026-12-30", "date");
  const CivilDate far{std::chrono::sys_days{std::chrono::year{12000} / 1 / 1}};
  j.begin_array().value(start).value(start.plus_days(3)).value(far).value(CivilDate{}).end_array();
  j.finish();
  const nlohmann::json expected = {"2026-12-30", "2027-01-02", far.to_string(), "1970-01-01"};
  EXPECT_EQ(out, expected.dump());
}

TEST(JsonText, NestedDocumentsPrintAsDump) {
  std::string out;
  JsonText j(out);
  j.begin_object();
  j.key("a").begin_array().value(1).value(2.5).null().value(true).begin_object().end_object();
  j.begin_array().end_array().end_array();
  j.key("b").value(std::optional<double>{}).key("c").value(std::optional<int>{7});
  j.key("d").raw(R"({"x":[1,2]})");
  j.key("e").value("text");
  j.end_object();
  j.finish();
  const nlohmann::json expected = {
      {"a", {1, 2.5, nullptr, true, nlohmann::json::object(), nlohmann::json::array()}},
      {"b", nullptr},
      {"c", 7},
      {"d", {{"x", {1, 2}}}},
      {"e", "text"}};
  EXPECT_EQ(out, expected.dump());
}

TEST(JsonText, TheTextFollowsWhatOutHeldAndIsCompleteOnceFinished) {
  std::string out = "prefix:";
  {
    JsonText j(out);
    j.begin_array().value(1);
    j.finish();
    EXPECT_EQ(out, "prefix:[1");
    j.finish();  // again: nothing changes
    EXPECT_EQ(out, "prefix:[1");
    // Writing goes on after finish(), and the writer going away finishes it.
    const std::string long_text(100000, 'x');
    j.value(long_text).value("tab\t" + long_text).end_array();
  }
  EXPECT_EQ(out.size(), 7 + 2 + 1 + 100002 + 1 + 100007 + 1);  // "tab\\t": 5 characters
  EXPECT_EQ(out.substr(0, 13), "prefix:[1,\"xx");
  EXPECT_EQ(out.substr(out.size() - 4), "xx\"]");
  EXPECT_EQ(nlohmann::json::parse(out.substr(7)).at(2).get<std::string>().substr(0, 4), "tab\t");

  // Room reserved beforehand is used, and nothing past the text is left in out.
  std::string reserved;
  reserved.reserve(1 << 16);
  JsonText(reserved).begin_object().key("a").value(2).end_object();
  EXPECT_EQ(reserved, "{\"a\":2}");
}

TEST(JsonText, ClosingWhatWasNotOpenedIsAnError) {
  std::string out;
  EXPECT_THROW(JsonText(out).end_object(), std::logic_error);
  EXPECT_THROW(JsonText(out).end_array(), std::logic_error);
}

}  // namespace
}  // namespace taperlab
