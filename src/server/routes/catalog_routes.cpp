// What every page needs to know that is not about a person: the drugs with the products a person
// may have at hand, conversions, the questionnaires and memory tests that can be taken, and where
// to find help now.
#include "core/drugs/equivalence_table.hpp"
#include "core/base/error.hpp"
#include "core/instruments/crisis_message.hpp"
#include "core/instruments/urgent_message.hpp"
#include "core/plan/formulation_set.hpp"
#include "core/dosing/regimen.hpp"
#include "journal/cognitive.hpp"
#include "server/routes/routes.hpp"
#include "server/session_cookie.hpp"

namespace taperlab::server {
namespace {

// The --formulations words for one product, so the plan wizard can send back what was ticked.
std::string formulation_spec(const DispensingOption& o) {
  std::string spec = o.drug_id + ":";
  if (o.is_liquid()) {
    return spec + format_mg(o.strength_mg_per_ml) + " solution";
  }
  spec += format_mg(o.strength_mg) + " " + to_string(o.form);
  if (o.split != Split::kNone) spec += std::string(" ") + to_string(o.split);
  return spec;
}

ApiResponse health(ApiCall&) { return ApiResponse::json(200, {{"status", "ok"}}); }

ApiResponse drugs(ApiCall& call) {
  const Catalog& catalog = call.server.catalog;
  const std::string country =
      call.request.query_value("country").value_or(call.caller->person.profile.country);
  const EquivalenceTable& table =
      catalog.table(call.request.query_value("table").value_or("ashton"), "table");
  nlohmann::json list = nlohmann::json::array();
  for (const Drug& d : catalog.drugs()) {
    nlohmann::json products = nlohmann::json::array();
    for (const auto& o : default_formulations(catalog, {d.id}, country).options) {
      products.push_back({{"description", o.describe()},
                          {"form", to_string(o.form)},
                          {"strength_mg", o.strength_mg},
                          {"strength_mg_per_ml", o.strength_mg_per_ml},
                          {"split", to_string(o.split)},
                          {"spec", formulation_spec(o)}});
    }
    nlohmann::json equivalent = nullptr;
    if (table.has(d.id)) {
      equivalent = {{"dose_mg", table.at(d.id).dose_mg},
                    {"evidence", to_string(table.at(d.id).evidence)}};
    }
    list.push_back({{"id", d.id},
                    {"name", d.generic_name},
                    {"class", to_string(d.drug_class)},
                    {"acting", to_string(d.acting)},
                    {"brands", d.brands},
                    {"equivalent_to_reference", equivalent},
                    {"formulations", products}});
  }
  return ApiResponse::json(
      200, {{"table", table.id},
            {"source", table.citation},
            {"reference", {{"drug", table.reference_drug}, {"dose_mg", table.reference_dose_mg}}},
            {"drugs", list}});
}

ApiResponse convert_dose(ApiCall& call) {
  const Catalog& catalog = call.server.catalog;
  const auto& q = call.request;
  const Drug& from = catalog.drug(q.query_value("from").value_or(""), "from");
  const Drug& to = catalog.drug(q.query_value("to").value_or(""), "to");
  const EquivalenceTable& table = catalog.table(q.query_value("table").value_or("ashton"), "table");
  const double dose_mg = parse_amount_mg(q.query_value("dose_mg").value_or(""), "dose_mg");
  const Conversion c = convert(table, from.id, dose_mg, to.id);
  return ApiResponse::json(200, {{"from", from.id},
                                 {"to", to.id},
                                 {"dose_mg", dose_mg},
                                 {"amount_mg", c.amount_mg},
                                 {"range_mg", {c.low_mg, c.high_mg}},
                                 {"table", table.id},
                                 {"source", table.citation},
                                 {"note",
                                  "Equivalents are approximate; agree any switch with "
                                  "your prescriber."}});
}

nlohmann::json instrument_json(const Instrument& ins) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : ins.items) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : item.options) options.push_back({{"value", o.value}, {"label", o.label}});
    items.push_back({{"id", item.id}, {"text", item.text}, {"options", options}});
  }
  nlohmann::json bands = nlohmann::json::array();
  if (ins.scoring) {
    for (const auto& b : ins.scoring->bands) bands.push_back({{"min", b.min}, {"label", b.label}});
  }
  return {{"id", ins.id},
          {"name", ins.name},
          {"full_name", ins.full_name},
          {"kind", to_string(ins.kind)},
          {"purpose", ins.purpose},
          {"validated", ins.validated},
          {"validation_note", ins.validation_note},
          {"instructions", ins.instructions},
          {"recall", ins.recall_period},
          {"items", items},
          {"bands", bands},
          {"licence", ins.licence.text},
          {"citation", ins.citation}};
}

ApiResponse instruments(ApiCall& call) {
  nlohmann::json list = nlohmann::json::array();
  for (const Instrument& ins : call.server.instruments.list()) {
    if (ins.kind == InstrumentKind::kByol || !ins.scored()) continue;  // never administered
    list.push_back(instrument_json(ins));
  }
  return ApiResponse::json(200, {{"instruments", list}});
}

// "Help now": the numbers, whenever a person looks for them, not only after an answer that
// brought the crisis screen, and before signing in too: the directory holds no personal data.
// The country is the query's (the browser's locale before sign-in), else the signed-in person's.
ApiResponse crisis_lines(ApiCall& call) {
  std::optional<std::string> country = call.request.query_value("country");
  if (!country || country->empty()) {
    const auto caller = resolve_caller(call);
    country = caller ? caller->person.profile.country : std::string();
  }
  const CrisisEntry& entry = call.server.crisis.lookup(*country);
  nlohmann::json contacts = nlohmann::json::array();
  for (const CrisisContact& c : crisis_contacts(entry)) {
    contacts.push_back({{"kind", c.kind}, {"label", c.label}, {"href", c.href}});
  }
  return ApiResponse::json(200, {{"country", entry.key},
                                 {"name", entry.name},
                                 {"checked", entry.checked},
                                 {"contacts", contacts},
                                 {"message", help_now_message(call.server.crisis, *country)}});
}

ApiResponse cognitive_tests(ApiCall&) {
  return ApiResponse::json(200, {{"tests", journal::cognitive_tests_json()}});
}

}  // namespace

void add_catalog_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/health", Access::kPublic, health});
  routes.push_back({"GET", "/api/v1/drugs", Access::kSession, drugs});
  routes.push_back({"GET", "/api/v1/convert", Access::kSession, convert_dose});
  routes.push_back({"GET", "/api/v1/instruments", Access::kSession, instruments});
  routes.push_back({"GET", "/api/v1/cognitive-tests", Access::kSession, cognitive_tests});
  routes.push_back({"GET", "/api/v1/crisis-lines", Access::kPublic, crisis_lines});
}

}  // namespace taperlab::server
