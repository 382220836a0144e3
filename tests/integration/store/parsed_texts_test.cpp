// Small JSON columns parsed once per text (store/sqlite/parsed_texts.hpp): the same text is parsed
// once, a new text is parsed afresh, a failed parse keeps nothing, and the memo stays bounded.

#include "store/sqlite/parsed_texts.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace taperlab::store::testing {
namespace {

class ParsedTextsTest : public ::testing::Test {
 protected:
  // Parses `text` read back from SQLite as a column, counting the parses.
  int get(sqlite::ParsedTexts<int>& memo, const std::string& text) {
    SQLite::Statement query(db_, "SELECT ?1");
    query.bind(1, text);
    EXPECT_TRUE(query.executeStep());
    return memo.get(query.getColumn(0), [&](const std::string& t) {
      ++parses_;
      if (t == "bad") throw std::invalid_argument("not a number");
      return std::stoi(t);
    });
  }

  SQLite::Database db_{":memory:"};
  int parses_ = 0;
};

TEST_F(ParsedTextsTest, TheSameTextIsParsedOnce) {
  sqlite::ParsedTexts<int> memo(8);
  EXPECT_EQ(get(memo, "12"), 12);
  EXPECT_EQ(get(memo, "12"), 12);
  EXPECT_EQ(parses_, 1);
  EXPECT_EQ(get(memo, "13"), 13);
  EXPECT_EQ(parses_, 2);
}

TEST_F(ParsedTextsTest, AFailedParseThrowsEveryTimeAndKeepsNothing) {
  sqlite::ParsedTexts<int> memo(8);
  EXPECT_THROW(get(memo, "bad"), std::invalid_argument);
  EXPECT_THROW(get(memo, "bad"), std::invalid_argument);
  EXPECT_EQ(parses_, 2);
}

TEST_F(ParsedTextsTest, AFullMemoStartsAgain) {
  sqlite::ParsedTexts<int> memo(2);
  get(memo, "1");
  get(memo, "2");
  get(memo, "3");  // full: emptied, then "3" kept
  EXPECT_EQ(parses_, 3);
  get(memo, "3");
  EXPECT_EQ(parses_, 3);
  get(memo, "1");  // was dropped
  EXPECT_EQ(parses_, 4);
}

}  // namespace
}  // namespace taperlab::store::testing
