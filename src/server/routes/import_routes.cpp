// "Import my data": a journal exported from taperlab (the web app's JSON download or `taperlab
// export --format json`) read into the signed-in person, who must have no journal yet. All or
// nothing, with the same checks as `taperlab import`.
#include "journal/export_import.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

// An export is far larger than any form (measured as the download writes it, indented): the demo's
// 60 days are 166 kB; a year of daily check-ins and doses is 0.7 MB with one plan and 1.3 MB with
// a plan revised monthly (each version holds the whole plan, ~45 kB); three years with 40 versions
// are 4.3 MB. A long journal is larger: 9,500 daily check-ins with their doses (26 years, or a
// person who checks in several times a week for longer) export as 11 MB, about 1.2 kB a day, which
// the 8 MiB this limit once was refused. 32 MiB takes that journal three times over, or 9,500 days
// with 400 plan versions (18 MB of plans), so that no journal taperlab exported is refused on
// import. The cost is bounded: one import parses at most 32 MiB into about 4 times as much memory
// (a 7.7 MB export parsed in ~0.1 s into ~30 MB), and a person imports once, into an empty
// journal. The transport reads a body up to its route's limit, and only this route has this one.
constexpr std::size_t kMaxImportBytes = std::size_t{32} << 20;

ApiResponse import_journal(ApiCall& call) {
  const Person& person = call.person();
  const nlohmann::json doc = call.body();
  const journal::ImportedCounts n =
      journal::import_json_into(call.repo, call.server.catalog, person.id, doc, call.today);
  return ApiResponse::json(201, {{"regimens", n.regimens},
                                 {"plan_versions", n.plan_versions},
                                 {"doses", n.doses},
                                 {"check_ins", n.check_ins},
                                 {"questionnaire_responses", n.questionnaire_responses},
                                 {"cognitive_sessions", n.cognitive_sessions},
                                 {"decisions", n.decisions}});
}

}  // namespace

void add_import_routes(std::vector<Route>& routes) {
  Route route{"POST", "/api/v1/people/{person_id}/import", Access::kSession, import_journal};
  route.max_body_bytes = kMaxImportBytes;
  routes.push_back(std::move(route));
}

}  // namespace taperlab::server
