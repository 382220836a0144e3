#include "journal/calendar_feed.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "core/adapt/decide.hpp"
#include "core/base/error.hpp"
#include "journal/today.hpp"
#include "report/calendar_feed.hpp"

namespace taperlab::journal {
namespace {

// A plan version with its parsed steps, kept alive for the feed (which points into them).
struct FeedVersion {
  int version = 0;
  CivilDate effective_from;
  std::shared_ptr<const PlanView> view;
};

// A check-in with the first dose; 09:00 on a step without doses (assumed: a morning time most
// people are awake, as the CLI's stop reminder uses 08:00).
TimeOfDay review_time(const PlanStepView& step) {
  if (step.doses.empty()) return TimeOfDay{9 * 60};
  return std::min_element(
             step.doses.begin(), step.doses.end(),
             [](const PlanDoseView& a, const PlanDoseView& b) { return a.time < b.time; })
      ->time;
}

void add_reviews(const report::FeedPlan& feed, const Catalog& catalog,
                 std::vector<report::FeedReview>& out) {
  const PlanView& plan = *feed.plan;
  const PlanStepView* held = feed.held_from ? plan.step_on(*feed.held_from) : nullptr;
  for (const PlanStepView& step : plan.steps) {
    const PlanStepView* next = plan.next_step(step);
    if (next == nullptr) continue;  // the last step: nothing left to decide
    const CivilDate start = plan.date_of(step);
    // While paused nothing is reviewed from the held step on (decisions.hpp, next_review_date).
    if (held != nullptr && held->start_day <= step.start_day) continue;
    if (feed.held_from && *feed.held_from < start) continue;
    adapt::StepContext context;
    context.index = step.index;
    context.start = start;
    context.next_cut = plan.date_of(*next);
    context.cut_fraction = step.cut_fraction;
    context.followed_cut = step.kind == "cut" || step.kind == "crossover";
    const Regimen regimen = step.regimen();
    const auto acting =
        regimen.empty() ? ActingClass::kLong : adapt::longest_acting(regimen, catalog);
    const auto due = adapt::next_decision_date(context, acting);
    if (!due) continue;
    if (feed.until && *feed.until < *due) continue;  // a newer plan takes over before then
    out.push_back({*due, feed.version, step.index, review_time(step)});
  }
}

}  // namespace

std::string calendar_feed_text(const JournalContext& ctx, const Person& person,
                               const std::string& time_zone) {
  const TodayView today = build_today(ctx.repo, person, ctx.today);

  std::vector<FeedVersion> versions;
  if (today.plan) {
    const auto& in_force = today.plan->version();
    versions.push_back({in_force.version, in_force.effective_from,
                        std::make_shared<const PlanView>(today.plan->view())});
  }
  // Versions saved to start later than today (a plan agreed to begin next week): each follows the
  // one before it. A version numbered below the one in force was replaced and never comes back.
  const int in_force_number = versions.empty() ? 0 : versions.front().version;
  std::vector<PlanVersion> later;
  for (const PlanVersion& v : ctx.repo.plan_versions(person.id)) {
    if (v.version > in_force_number && ctx.today < v.effective_from) later.push_back(v);
  }
  std::sort(later.begin(), later.end(), [](const PlanVersion& a, const PlanVersion& b) {
    return a.effective_from < b.effective_from ||
           (a.effective_from == b.effective_from && a.version < b.version);
  });
  for (std::size_t i = 0; i < later.size(); ++i) {
    // Of versions starting on the same day the newest wins, as plan_in_force would pick it then.
    if (i + 1 < later.size() && later[i + 1].effective_from == later[i].effective_from) continue;
    versions.push_back({later[i].version, later[i].effective_from,
                        std::make_shared<const PlanView>(parse_plan_view(later[i].plan))});
  }

  std::vector<report::FeedPlan> plans;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    report::FeedPlan feed;
    feed.plan = versions[i].view.get();
    feed.version = versions[i].version;
    if (i + 1 < versions.size()) feed.until = versions[i + 1].effective_from.plus_days(-1);
    if (i == 0 && today.plan && today.paused) feed.held_from = ctx.today;
    plans.push_back(feed);
  }
  std::vector<report::FeedReview> reviews;
  for (const auto& feed : plans) add_reviews(feed, ctx.catalog, reviews);

  report::FeedOptions options;
  options.time_zone = time_zone;
  options.now_utc = ctx.now_utc;
  return report::calendar_feed_ics(plans, reviews, options);
}

}  // namespace taperlab::journal
