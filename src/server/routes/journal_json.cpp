#include "server/routes/journal_json.hpp"

#include "core/journal/records_json.hpp"

namespace taperlab::server {

nlohmann::json review_json(const journal::ReviewResult& review) {
  return {{"decision", review.decision ? to_json(*review.decision) : nlohmann::json(nullptr)},
          {"plan_change", review.plan_change},
          {"new_plan_version", review.new_version ? nlohmann::json(review.new_version->version)
                                                  : nlohmann::json(nullptr)},
          {"paused", review.paused},
          {"next_review", review.outcome.due_on && !review.paused
                              ? nlohmann::json(review.outcome.due_on->to_string())
                              : nlohmann::json(nullptr)}};
}

}  // namespace taperlab::server
