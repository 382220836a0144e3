// `taperlab convert AMOUNT DRUG --to DRUG [--table T] [--json]`, e.g. `convert 2mg clonazepam
// --to diazepam`: the equivalent amount with its range and source, and what the other tables say.
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "core/base/error.hpp"
#include "core/dosing/regimen.hpp"
#include "text_format.hpp"

namespace taperlab::cli {
namespace {

struct ConvertArgs {
  std::vector<std::string> words;  // AMOUNT DRUG, or AMOUNT mg DRUG
  std::string to;
  std::string table = "ashton";
  bool json = false;
};

void run_convert(CliContext& ctx, const ConvertArgs& args) {
  std::vector<std::string> words = args.words;
  if (words.size() == 3 && (words[1] == "mg" || words[1] == "MG")) words.erase(words.begin() + 1);
  if (words.size() != 2) {
    throw ValidationError("AMOUNT DRUG", "expected an amount and a drug, e.g. 2mg clonazepam");
  }
  const Catalog& catalog = ctx.catalog();
  const double amount = parse_amount_mg(words[0], "AMOUNT");
  const Drug& from = catalog.drug(words[1], "DRUG");
  const Drug& to = catalog.drug(args.to, "--to");
  const EquivalenceTable& table = catalog.table(args.table, "--table");
  const Conversion c = convert(table, from.id, amount, to.id);

  if (args.json) {
    nlohmann::json out = {{"amount_mg", c.amount_mg},
                          {"range_mg", {c.low_mg, c.high_mg}},
                          {"table", table.id},
                          {"source", table.citation},
                          {"from", {{"drug", from.id}, {"amount_mg", amount}}},
                          {"to", to.id}};
    ctx.out() << out.dump(2) << "\n";
    return;
  }
  ctx.out() << format_mg(amount) << " mg " << from.id << " = " << format_mg(c.amount_mg) << " mg "
            << to.id << " by " << table.name << " (range " << mg_range(c.low_mg, c.high_mg)
            << ")\n";
  ctx.out() << wrap("Source: " + table.citation);
  std::vector<std::vector<std::string>> others;
  for (const auto& t : catalog.tables()) {
    if (t.id == table.id) continue;
    if (t.has(from.id) && t.has(to.id)) {
      const Conversion o = convert(t, from.id, amount, to.id);
      others.push_back({t.id, format_mg(o.amount_mg) + " mg", mg_range(o.low_mg, o.high_mg)});
    } else {
      others.push_back({t.id, "-", "not listed"});
    }
  }
  if (!others.empty()) {
    ctx.out() << "\nOther tables:\n" << text_table({"table", "amount", "range"}, others);
  }
  ctx.out() << "\n"
            << wrap(
                   "Equivalents are approximate and differ between people and sources. A switch "
                   "between drugs is made one dose at a time with a prescriber, never all at "
                   "once.");
}

}  // namespace

void add_convert_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("convert", "convert an amount of one drug into another");
  auto args = std::make_shared<ConvertArgs>();
  cmd->add_option("AMOUNT DRUG", args->words, "amount and drug, e.g. 2mg clonazepam")
      ->required()
      ->expected(2, 3);
  cmd->add_option("--to", args->to, "drug to convert to")->required();
  cmd->add_option("--table", args->table, "equivalence table: ashton, vadod, who, nhs-scotland");
  cmd->add_flag("--json", args->json, "print JSON");
  cmd->callback([&ctx, args] { run_convert(ctx, *args); });
}

}  // namespace taperlab::cli
