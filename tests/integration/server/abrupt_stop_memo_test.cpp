// The memo of previews' abrupt stops: found only by an equal key, longer courses replace shorter
// ones, the least recently used entry makes room, and very long courses are not kept.

#include "server/abrupt_stop_memo.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace taperlab::server {
namespace {

AbruptStopKey key_for(double morning_mg) {
  AbruptStopKey key;
  key.regimen.drugs.push_back({"clonazepam", {{morning_mg, {8 * 60}}, {0.5, {20 * 60}}}});
  key.table_id = "ashton";
  return key;
}

AbruptStop stop_of(int days, double peak = 0.1) {
  AbruptStop stop;
  stop.peak_withdrawal = peak;
  stop.course.diazepam_equivalent_mg.assign(static_cast<std::size_t>(days), 0.0);
  stop.course.effect.assign(static_cast<std::size_t>(days), 0.2);
  stop.course.adaptation_remaining.assign(static_cast<std::size_t>(days), 0.3);
  stop.course.withdrawal.assign(static_cast<std::size_t>(days), 0.4);
  return stop;
}

TEST(AbruptStopMemo, FindsOnlyAnEqualKey) {
  AbruptStopMemo memo;
  memo.keep(key_for(0.5), stop_of(100, 0.25));
  const auto found = memo.find(key_for(0.5));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->peak_withdrawal, 0.25);
  EXPECT_EQ(found->course.days(), 100);
  EXPECT_FALSE(memo.find(key_for(0.25)).has_value());
  AbruptStopKey other_model = key_for(0.5);
  other_model.model.effect.d50_mg_per_day = 31;
  EXPECT_FALSE(memo.find(other_model).has_value());
  AbruptStopKey other_table = key_for(0.5);
  other_table.table_id = "bnf";
  EXPECT_FALSE(memo.find(other_table).has_value());
}

TEST(AbruptStopMemo, KeepsTheLongerCourse) {
  AbruptStopMemo memo;
  memo.keep(key_for(0.5), stop_of(100));
  memo.keep(key_for(0.5), stop_of(50));
  EXPECT_EQ(memo.find(key_for(0.5))->course.days(), 100);
  memo.keep(key_for(0.5), stop_of(300));
  EXPECT_EQ(memo.find(key_for(0.5))->course.days(), 300);
  EXPECT_EQ(memo.size(), 1u);
}

TEST(AbruptStopMemo, TheLeastRecentlyUsedMakesRoom) {
  AbruptStopMemo memo(2);
  memo.keep(key_for(0.1), stop_of(10));
  memo.keep(key_for(0.2), stop_of(10));
  ASSERT_TRUE(memo.find(key_for(0.1)).has_value());  // 0.2 is now the least recently used
  memo.keep(key_for(0.3), stop_of(10));
  EXPECT_EQ(memo.size(), 2u);
  EXPECT_TRUE(memo.find(key_for(0.1)).has_value());
  EXPECT_FALSE(memo.find(key_for(0.2)).has_value());
  EXPECT_TRUE(memo.find(key_for(0.3)).has_value());
}

TEST(AbruptStopMemo, VeryLongCoursesAreNotKept) {
  AbruptStopMemo memo;
  memo.keep(key_for(0.5), stop_of(AbruptStopMemo::kMaxKeptDays + 1));
  EXPECT_FALSE(memo.find(key_for(0.5)).has_value());
  memo.keep(key_for(0.5), stop_of(AbruptStopMemo::kMaxKeptDays));
  EXPECT_TRUE(memo.find(key_for(0.5)).has_value());
}

TEST(AbruptStopMemo, KeepsTheSeriesTextForOneStartAndLength) {
  AbruptStopMemo memo;
  const auto start = parse_civil_date("2026-12-03", "start");
  auto text = std::make_shared<const std::string>("{\"day\":[0]}");
  memo.keep_series_text(key_for(0.5), start, 50, text);  // no stop kept: nothing is
  EXPECT_EQ(memo.find_series_text(key_for(0.5), start, 50), nullptr);

  memo.keep(key_for(0.5), stop_of(100));
  memo.keep_series_text(key_for(0.5), start, 50, text);
  EXPECT_EQ(memo.find_series_text(key_for(0.5), start, 50), text);
  EXPECT_EQ(memo.find_series_text(key_for(0.5), start, 51), nullptr);
  EXPECT_EQ(memo.find_series_text(key_for(0.5), start.plus_days(1), 50), nullptr);
  EXPECT_EQ(memo.find_series_text(key_for(0.5), std::nullopt, 50), nullptr);
  EXPECT_EQ(memo.find_series_text(key_for(0.25), start, 50), nullptr);

  memo.keep(key_for(0.5), stop_of(80));  // shorter: the stop and its text stay
  EXPECT_EQ(memo.find_series_text(key_for(0.5), start, 50), text);
  memo.keep(key_for(0.5), stop_of(200));  // a longer stop replaces it, and its text goes
  EXPECT_EQ(memo.find_series_text(key_for(0.5), start, 50), nullptr);

  memo.keep_series_text(key_for(0.5), std::nullopt, 201, text);  // longer than the stop kept
  EXPECT_EQ(memo.find_series_text(key_for(0.5), std::nullopt, 201), nullptr);
}

TEST(AbruptStopMemo, ManyThreadsAtOnce) {
  AbruptStopMemo memo(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&memo, t] {
      for (int i = 0; i < 2000; ++i) {
        const AbruptStopKey key = key_for(0.01 * ((t * 7 + i) % 16 + 1));
        if (const auto found = memo.find(key)) {
          EXPECT_EQ(found->course.days(), static_cast<int>(found->course.withdrawal.size()));
        } else {
          memo.keep(key, stop_of(10 + i % 5));
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_LE(memo.size(), 8u);
}

}  // namespace
}  // namespace taperlab::server
