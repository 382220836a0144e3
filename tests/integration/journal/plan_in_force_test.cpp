// The plan in force is parsed once per stored version and shared (journal/parsed_plans.hpp), and
// never confused with another: SQLite hands a deleted row's id to the next row.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/plan/planner.hpp"
#include "journal/parsed_plans.hpp"
#include "journal/plans.hpp"
#include "journal_fixture.hpp"

namespace taperlab::journal::testing {
namespace {

class PlanInForceTest : public JournalFixture {
 protected:
  Person add_person(const std::string& name) {
    Person p;
    p.name = name;
    p.created_on = kToday;
    p.id = repo().add_person(p);
    return p;
  }

  PlanVersion save(const Person& person, double cut_fraction, int every_days) {
    PlanRequest request;
    add_drug(request.regimen, parse_drug_regimen("clonazepam 0.5mg@08:00, 0.5mg@20:00", catalog()));
    request.formulations = default_formulations(catalog(), {"clonazepam"}, "GB");
    request.settings.strategy = "fraction";
    request.settings.cut_fraction = cut_fraction;
    request.settings.every_days = every_days;
    request.settings.start_date = kToday;
    return save_plan(ctx(), person, request, build_plan(request, catalog()), "test");
  }
};

TEST_F(PlanInForceTest, OneStoredVersionIsParsedOnceAndShared) {
  const Person person = add_person("Sam");
  const PlanVersion saved = save(person, 0.10, 14);
  const auto first = plan_in_force(repo(), person.id, kToday);
  const auto second = plan_in_force(repo(), person.id, kToday.plus_days(30));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(&first->view(), &second->view());
  EXPECT_EQ(first->version().id, saved.id);
  EXPECT_EQ(first->version().plan, saved.plan);
  EXPECT_EQ(first->version().request, saved.request);
  EXPECT_EQ(first->view().steps.size(), saved.plan->at("steps").size());
  EXPECT_FALSE(plan_in_force(repo(), person.id, kToday.plus_days(-1)).has_value());
}

TEST_F(PlanInForceTest, AReusedIdNeverServesTheDeletedPlan) {
  const Person first = add_person("Sam");
  const PlanVersion deleted = save(first, 0.10, 14);
  const std::size_t deleted_steps = plan_in_force(repo(), first.id, kToday)->view().steps.size();
  repo().delete_person(first.id);

  const Person second = add_person("Alex");
  const PlanVersion kept = save(second, 0.05, 28);
  ASSERT_EQ(kept.id, deleted.id) << "the premise: SQLite gave the new version the deleted id";
  const auto in_force = plan_in_force(repo(), second.id, kToday);
  ASSERT_TRUE(in_force.has_value());
  EXPECT_EQ(in_force->version().person_id, second.id);
  EXPECT_EQ(in_force->version().plan, kept.plan);
  EXPECT_EQ(in_force->view().steps.size(), kept.plan->at("steps").size());
  EXPECT_NE(in_force->view().steps.size(), deleted_steps);
  EXPECT_EQ(in_force->view().steps.at(1).duration_days, 28);
}

TEST_F(PlanInForceTest, AKnownVersionIsServedWithoutReadingItsTextAgain) {
  const Person person = add_person("Sam");
  save(person, 0.10, 14);
  const auto stored = repo().plan_text_in_force(person.id, kToday, {});
  ASSERT_TRUE(stored.has_value());
  ASSERT_NE(stored->revision, 0);
  const auto parsed = parsed_plan(*stored);

  store::PlanVersionText header = *stored;
  header.request.clear();
  header.plan.clear();
  header.text_read = false;
  EXPECT_EQ(known_plan(header), parsed);
  // Another revision under the same id, or a changed field, is not the version that was parsed.
  store::PlanVersionText other = header;
  other.revision = stored->revision + 1;
  EXPECT_EQ(known_plan(other), nullptr);
  other = header;
  other.version.reason = "changed";
  EXPECT_EQ(known_plan(other), nullptr);
  // A version stored before revisions existed is known only by its text.
  other = header;
  other.revision = 0;
  EXPECT_EQ(known_plan(other), nullptr);
  // A header is not something to parse.
  EXPECT_THROW(parsed_plan(header), StorageError);

  bool texts_skipped = false;
  const auto again =
      repo().plan_text_in_force(person.id, kToday, [&](const store::PlanVersionText& h) {
        texts_skipped = known_plan(h) != nullptr;
        return texts_skipped;
      });
  EXPECT_TRUE(texts_skipped);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->text_read);
  EXPECT_EQ(&plan_in_force(repo(), person.id, kToday)->view(), &parsed->view);
}

TEST_F(PlanInForceTest, AVersionWithoutRevisionIsComparedByItsText) {
  const Person person = add_person("Sam");
  save(person, 0.10, 14);
  auto stored = *repo().plan_text_in_force(person.id, kToday, {});
  stored.revision = 0;  // as read from a database migrated from before revisions
  const auto parsed = parsed_plan(stored);
  EXPECT_EQ(parsed_plan(stored), parsed);
  // The same header over another text (a row changed behind this process's back).
  const PlanVersion slower = save(person, 0.05, 28);
  auto changed = stored;
  changed.plan = slower.plan->dump();
  const auto reparsed = parsed_plan(changed);
  EXPECT_NE(reparsed, parsed);
  EXPECT_EQ(reparsed->view.steps.size(), slower.plan->at("steps").size());
  EXPECT_NE(reparsed->view.steps.size(), parsed->view.steps.size());
}

}  // namespace
}  // namespace taperlab::journal::testing
