// What the person reads back: status with the model's forecast, the progress charts' series,
// insights (associations, not causes) and the decisions made on their plan.
#include "core/insight/insight_summary.hpp"
#include "core/journal/records_json.hpp"
#include "journal/insights.hpp"
#include "journal/progress.hpp"
#include "journal/recovery.hpp"
#include "journal/status.hpp"
#include "journal/visit_report.hpp"
#include "report/insights_report.hpp"
#include "report/visit_report.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

ApiResponse status(ApiCall& call) {
  const Person& person = call.person();
  const auto view = journal::build_status(call.journal(), person, call.date_param());
  return ApiResponse::json(200, journal::to_json(view));
}

ApiResponse progress(ApiCall& call) {
  const Person& person = call.person();
  return ApiResponse::json(200, journal::progress_json(call.journal(), person, call.date_param()));
}

// After the last dose: days since it, the baseline comparison, the model's curve and any concern
// (journal/recovery.hpp); {"recovery": null} before.
ApiResponse recovery(ApiCall& call) {
  const Person& person = call.person();
  const auto view = journal::build_recovery(call.journal(), person, call.date_param());
  return ApiResponse::json(
      200, {{"recovery", view ? journal::to_json(*view) : nlohmann::json(nullptr)}});
}

ApiResponse insights(ApiCall& call) {
  const Person& person = call.person();
  const auto summary = journal::journal_insights(call.repo, person, call.date_param());
  return ApiResponse::json(200, report::insights_json(summary));
}

ApiResponse decisions(ApiCall& call) {
  const Person& person = call.person();
  nlohmann::json out = nlohmann::json::array();
  // With each its clinician's review, if any: the person sees what was approved or changed.
  const auto reviews = call.repo.decision_reviews(person.id);
  for (const auto& d : call.repo.decisions(person.id)) {
    nlohmann::json j = to_json(d);
    j["review"] = nullptr;
    for (const auto& r : reviews) {
      if (r.decision_id == d.id) j["review"] = review_json(r);
    }
    out.push_back(std::move(j));
  }
  return ApiResponse::json(200, {{"decisions", out}});
}

// The visit report for the prescriber (report/visit_report.hpp) as of `date`: a PDF drawn here
// with libharu (no browser on the server), or the same report as one self-contained HTML page to
// open and print. Health information: never kept by a cache (every answer is no-store).
ApiResponse visit_report_pdf(ApiCall& call) {
  const Person& person = call.person();
  const CivilDate date = call.date_param();
  const auto content = journal::build_visit_report(call.journal(), person, date);
  return ApiResponse::download(report::visit_report_pdf(content), "application/pdf",
                               "taperlab-visit-report-" + date.to_string() + ".pdf");
}

ApiResponse visit_report_html(ApiCall& call) {
  const Person& person = call.person();
  const auto content = journal::build_visit_report(call.journal(), person, call.date_param());
  ApiResponse answer;
  answer.body = report::visit_report_html(content);
  answer.content_type = "text/html; charset=utf-8";
  // The page needs nothing but its own inline styles: no scripts, no fetches.
  answer.headers.emplace_back("Content-Security-Policy",
                              "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                              "form-action 'none'; frame-ancestors 'none'");
  answer.headers.emplace_back("Content-Disposition", "inline; filename=\"taperlab-visit-report-" +
                                                         content.date.to_string() + ".html\"");
  return answer;
}

}  // namespace

void add_report_routes(std::vector<Route>& routes) {
  const std::string base = "/api/v1/people/{person_id}";
  routes.push_back({"GET", base + "/status", Access::kSession, status});
  routes.push_back({"GET", base + "/progress", Access::kSession, progress});
  routes.push_back({"GET", base + "/insights", Access::kSession, insights});
  routes.push_back({"GET", base + "/recovery", Access::kSession, recovery});
  routes.push_back({"GET", base + "/decisions", Access::kSession, decisions});
  routes.push_back({"GET", base + "/report.pdf", Access::kSession, visit_report_pdf});
  routes.push_back({"GET", base + "/report.html", Access::kSession, visit_report_html});
}

}  // namespace taperlab::server
