// The one reader of a stored plan (plan_view.hpp parse_plan_view), from the text of a document as
// the store or an import holds it, and the walks every screen then makes over what it accepted.
#include <nlohmann/json.hpp>

#include "core/base/json_fields.hpp"
#include "core/journal/plan_view.hpp"
#include "fuzz_support.hpp"

using namespace taperlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::accepts("parse_plan_view", [&] {
    const PlanView view = parse_plan_view(json_fields::parse_document(fuzz::text_of(data, size)));
    (void)view.step_on(view.start_date);
    (void)view.step_on(view.start_date.plus_days(-1));
    for (const auto& step : view.steps) {
      const CivilDate date = view.date_of(step);
      (void)date.to_string();
      (void)view.step_on(date);
      (void)view.next_step(step);
    }
  });
  return 0;
}
