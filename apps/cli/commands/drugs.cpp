// `taperlab drugs [--table T] [--json]`: the catalogue with equivalents and half-lives.
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "core/dosing/regimen.hpp"
#include "text_format.hpp"

namespace taperlab::cli {
namespace {

std::string half_life_text(const std::optional<HalfLifeRange>& r) {
  if (!r) return "-";
  if (r->low_h == r->high_h) return format_mg(r->low_h);
  return format_mg(r->low_h) + "-" + format_mg(r->high_h);
}

nlohmann::json range_json(const std::optional<HalfLifeRange>& r) {
  if (!r) return nullptr;
  return {r->low_h, r->high_h};
}

void run_drugs(CliContext& ctx, const std::string& table_id, bool json) {
  const Catalog& catalog = ctx.catalog();
  const EquivalenceTable& table = catalog.table(table_id, "--table");
  if (json) {
    nlohmann::json drugs = nlohmann::json::array();
    for (const Drug& d : catalog.drugs()) {
      nlohmann::json eq = nullptr;
      if (table.has(d.id)) {
        const auto& e = table.at(d.id);
        eq = {{"dose_mg", e.dose_mg},
              {"range_mg", {e.low_mg, e.high_mg}},
              {"evidence", to_string(e.evidence)}};
      }
      drugs.push_back({{"id", d.id},
                       {"generic_name", d.generic_name},
                       {"class", to_string(d.drug_class)},
                       {"acting", to_string(d.acting)},
                       {"atc", d.atc},
                       {"brands", d.brands},
                       {"equivalent_to_reference", eq},
                       {"half_life_h",
                        {{"parent", range_json(d.half_life.parent)},
                         {"active_metabolites", range_json(d.half_life.active_metabolites)},
                         {"source", d.half_life.source}}}});
    }
    nlohmann::json out = {
        {"table", table.id},
        {"source", table.citation},
        {"reference", {{"drug", table.reference_drug}, {"dose_mg", table.reference_dose_mg}}},
        {"drugs", drugs}};
    ctx.out() << out.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const Drug& d : catalog.drugs()) {
    std::string eq = "-";
    if (table.has(d.id)) {
      const auto& e = table.at(d.id);
      eq = mg_range(e.low_mg, e.high_mg);
    }
    std::string brands;
    for (const char* region : {"US", "UK"}) {
      auto it = d.brands.find(region);
      if (it == d.brands.end() || it->second.empty()) continue;
      if (!brands.empty()) brands += "; ";
      brands += std::string(region) + ": " + it->second.front();
    }
    rows.push_back({d.id, to_string(d.drug_class), to_string(d.acting), eq,
                    half_life_text(d.half_life.parent),
                    half_life_text(d.half_life.active_metabolites), brands.empty() ? "-" : brands});
  }
  ctx.out() << "Equivalent to " << format_mg(table.reference_dose_mg) << " mg "
            << table.reference_drug << " by " << table.name << " (" << table.id << ")\n\n";
  ctx.out() << text_table(
      {"drug", "class", "acting", "equivalent", "half-life h", "active metabolites h", "brands"},
      rows);
  ctx.out() << "\n" << wrap("Source: " + table.citation);
  ctx.out() << wrap(
      "Equivalents are approximate and sources disagree; compare tables with --table "
      "ashton|vadod|who|nhs-scotland, and agree any switch with a prescriber.");
}

}  // namespace

void add_drugs_command(CLI::App& app, CliContext& ctx) {
  auto* cmd =
      app.add_subcommand("drugs", "list the drug catalogue with equivalents and half-lives");
  auto table = std::make_shared<std::string>("ashton");
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--table", *table, "equivalence table: ashton, vadod, who, nhs-scotland");
  cmd->add_flag("--json", *json, "print JSON");
  cmd->callback([&ctx, table, json] { run_drugs(ctx, *table, *json); });
}

}  // namespace taperlab::cli
