// Clinicians (docs/api.md, clinicians): a person makes a one-time link code, lists and unlinks
// their clinicians and reads who looked at what; a clinician redeems a code, loads the dashboard
// of their linked people and reviews the holds and slow-downs the system made. Which of a
// person's other routes a clinician reaches is dispatch()'s rule (api.hpp, ClinicianUse).
#include <cmath>
#include <map>

#include "auth/link_codes.hpp"
#include "auth/login_limit.hpp"
#include "auth/tokens.hpp"
#include "core/base/error.hpp"
#include "core/journal/records_json.hpp"
#include "io/clock.hpp"
#include "io/time_zone.hpp"
#include "journal/clinic_dashboard.hpp"
#include "journal/clinic_review.hpp"
#include "server/http_errors.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

// A clinician as the person sees them: the name on their account and its address.
nlohmann::json clinician_json(store::Repository& repo, UserId id) {
  const auto user = repo.find_user(id);
  const auto person = user ? repo.find_person(user->person_id) : std::nullopt;
  return {{"id", id},
          {"name", person ? person->name : ""},
          {"email", user ? user->email : ""},
          {"deleted", !user.has_value()}};
}

ApiResponse create_code(ApiCall& call) {
  const Person& person = call.person();
  const std::string code = auth::random_link_code();
  store::ClinicianLinkCode stored;
  stored.code_hash = auth::link_code_hash(*auth::canonical_link_code(code));
  stored.person_id = person.id;
  stored.created_at = call.now_utc;
  stored.expires_at = auth::link_code_expiry(call.now_utc);
  call.repo.add_clinician_link_code(stored);
  // Shown this once: only the hash is kept.
  return ApiResponse::json(201, {{"code", code},
                                 {"expires_at", stored.expires_at},
                                 {"valid_days", auth::kLinkCodeValidDays}});
}

ApiResponse list_links(ApiCall& call) {
  const Person& person = call.person();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& link : call.repo.clinician_links_of_person(person.id)) {
    nlohmann::json c = clinician_json(call.repo, link.clinician_id);
    c["linked_at"] = link.linked_at;
    out.push_back(std::move(c));
  }
  return ApiResponse::json(200, {{"clinicians", out}});
}

ApiResponse unlink(ApiCall& call) {
  const Person& person = call.person();
  const std::int64_t clinician = call.int_capture(1, "clinician_id");
  if (!call.repo.delete_clinician_link(person.id, clinician)) throw NotFound("no such clinician");
  return ApiResponse::no_content();
}

// Who looked at what and when: the audit entries of clinicians under this person.
ApiResponse access_log(ApiCall& call) {
  const Person& person = call.person();
  std::map<UserId, nlohmann::json> clinicians;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : call.repo.audit_log(person.id)) {
    if (e.entity != "clinician") continue;
    auto it = clinicians.find(e.entity_id);
    if (it == clinicians.end()) {
      it = clinicians.emplace(e.entity_id, clinician_json(call.repo, e.entity_id)).first;
    }
    out.push_back(
        {{"at", e.at}, {"action", e.action}, {"what", e.detail}, {"clinician", it->second}});
  }
  return ApiResponse::json(200, {{"entries", out}});
}

// Rate-limit keys hold hashes, as sign-in's do.
std::string limit_key(const char* what, const std::string& value) {
  return std::string(what) + ":" + auth::token_hash(value);
}

ApiResponse redeem(ApiCall& call) {
  const nlohmann::json body = call.body();
  const std::string typed = required_text(body, "code");
  const UserId clinician = call.caller->user.id;
  // Counted before the code is looked at, in one write transaction, as sign-in counts passwords:
  // an account, or an address, that keeps guessing is stopped long before a code could be found.
  const std::string since = auth::login_window_start(call.now_utc);
  const store::AttemptGrant grant =
      call.repo.begin_attempts({{limit_key("link-code-user", std::to_string(clinician)), since,
                                 auth::kMaxFailedLogins, true},
                                {limit_key("link-code-address", call.request.remote_addr), since,
                                 call.server.limits.failed_sign_ins_per_address, false}},
                               call.now_utc);
  if (!grant.granted()) {
    throw too_many_requests("too many link codes tried; please wait before trying again",
                            auth::kLoginWindowSeconds);
  }
  const auto code = auth::canonical_link_code(typed);
  std::optional<PersonId> person;
  call.repo.transaction([&] {
    if (code) {
      person = call.repo.redeem_clinician_link_code(auth::link_code_hash(*code), clinician,
                                                    call.now_utc);
    }
    if (person) call.repo.mark_attempts_succeeded(grant.attempt_ids);
    call.repo.delete_login_attempts_before(auth::attempts_kept_since(call.now_utc));
  });
  if (!person) {
    throw ValidationError("code",
                          "this code is not known, was used already or has expired; ask "
                          "the person for a new one");
  }
  const auto linked = call.repo.find_person(*person);
  return ApiResponse::json(
      201, {{"person_id", *person}, {"name", linked ? linked->name : std::string()}});
}

ApiResponse dashboard(ApiCall& call) {
  const std::string now_utc = call.now_utc;
  const auto rows = journal::clinic_dashboard_entries(
      call.repo, call.caller->user.id,
      [&](const std::string& zone) {
        return io::pinned_today().value_or(
            io::to_local(now_utc, io::effective_time_zone(zone), "time_zone").date);
      },
      call.server.dashboard_rows.get());
  // The document ApiResponse::json would write ({"generated_at", "note", "people"}, keys in
  // order), with each row's kept text in place.
  ApiResponse answer;
  answer.status = 200;
  const auto text = [](const std::string& s) {
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  answer.body = "{\"generated_at\":" + text(now_utc) + ",\"note\":" +
                text("Plans are drafts for the person and their prescriber to agree on.") +
                ",\"people\":[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) answer.body += ',';
    answer.body += rows[i]->json_text;
    call.clinician_viewed.push_back(rows[i]->row.person_id);  // audited by dispatch() first
  }
  answer.body += "]}";
  return answer;
}

ApiResponse review(ApiCall& call) {
  const Person& person = call.person();
  const nlohmann::json body = call.body();
  journal::DecisionReviewRequest request;
  request.decision_id = call.int_capture(1, "decision_id");
  request.clinician = call.caller->user.id;
  request.action = required_text(body, "action");
  request.reason = optional_text(body, "reason").value_or("");
  if (auto days = optional_number(body, "hold_days")) {
    if (*days != std::floor(*days) || *days < 1 || *days > 1000) {
      throw ValidationError("hold_days", "expected a whole number of days");
    }
    request.hold_days = static_cast<int>(*days);
  }
  request.cut = optional_text(body, "cut").value_or("");
  request.every = optional_text(body, "every").value_or("");
  request.override_reason = optional_text(body, "override_reason").value_or("");
  request.max_cut = optional_text(body, "max_cut").value_or("");
  if (request.action == "approve" &&
      (request.hold_days || !request.cut.empty() || !request.every.empty() ||
       !request.override_reason.empty() || !request.max_cut.empty())) {
    throw ValidationError("action",
                          "an approval changes nothing; send action edit to change the "
                          "plan");
  }
  const auto result = journal::review_decision(call.journal(), person, request);
  nlohmann::json out = {
      {"review", review_json(result.review)}, {"words", result.words}, {"plan_version", nullptr}};
  if (result.new_version) {
    out["plan_version"] = {{"id", result.new_version->id},
                           {"version", result.new_version->version},
                           {"effective_from", result.new_version->effective_from.to_string()},
                           {"reason", result.new_version->reason}};
  }
  return ApiResponse::json(201, out);
}

}  // namespace

nlohmann::json review_json(const store::DecisionReview& r) {
  return {{"id", r.id},
          {"decision_id", r.decision_id},
          {"clinician_id",
           r.clinician_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(r.clinician_id)},
          {"action", r.action},
          {"reason", r.reason},
          {"plan_version_id",
           r.plan_version_id ? nlohmann::json(*r.plan_version_id) : nlohmann::json(nullptr)},
          {"overrides_rate_cap", r.overrides_rate_cap},
          {"reviewed_at", r.reviewed_at}};
}

void add_clinician_routes(std::vector<Route>& routes) {
  const std::string person = "/api/v1/people/{person_id}";
  routes.push_back({"POST", person + "/clinician-links/codes", Access::kSession, create_code, false,
                    0, ClinicianUse::kNever});
  routes.push_back({"GET", person + "/clinician-links", Access::kSession, list_links, false, 0,
                    ClinicianUse::kNever});
  routes.push_back({"DELETE", person + "/clinician-links/{clinician_id}", Access::kSession, unlink,
                    false, 0, ClinicianUse::kNever});
  routes.push_back({"GET", person + "/access-log", Access::kSession, access_log, false, 0,
                    ClinicianUse::kNever});
  routes.push_back({"POST", person + "/decisions/{decision_id}/review", Access::kSession, review,
                    false, 0, ClinicianUse::kOnly});
  routes.push_back(
      {"POST", "/api/v1/clinician/links", Access::kSession, redeem, false, 0, ClinicianUse::kOnly});
  routes.push_back({"GET", "/api/v1/clinician/dashboard", Access::kSession, dashboard, false, 0,
                    ClinicianUse::kOnly});
}

}  // namespace taperlab::server
