// `taperlab cohort --plan FILE.json [--plan FILE2.json ...] --n N [--seed S] [--threshold W]
// [--threads T] [--days D] [--population ID] [--json] [--csv FILE] [--svg FILE]
// [--shard i/k] [--out FILE]`: N virtual people (docs/model.md section 5) through each plan, the
// plans side by side; `--shard i/k --out FILE` runs people [i N / k, (i + 1) N / k) and writes a
// mergeable summary. `taperlab cohort merge FILES... [--json] [--csv FILE] [--svg FILE]
// [--out FILE]` combines shard files into the report of one run (docs/cli.md, "taperlab cohort").
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "auth/tokens.hpp"
#include "commands/commands.hpp"
#include "core/base/error.hpp"
#include "core/cohort/cohort_plan.hpp"
#include "core/cohort/cohort_shard.hpp"
#include "core/cohort/run_cohort.hpp"
#include "io/data_dir.hpp"
#include "io/population_load.hpp"
#include "report/cohort_report.hpp"

namespace taperlab::cli {
namespace {

// Beyond these a study is a typo (and n k must stay below 2^64 for the shard ranges).
constexpr std::uint64_t kMaxPeople = 10'000'000'000;
constexpr std::uint64_t kMaxShards = 1'000'000;
constexpr int kMaxCohortDays = 3650;
constexpr unsigned kMaxThreads = 256;
// After the last step starts, the days a cohort is followed by default: long enough for most
// people's R to fall below 10% (the slow pool's half-time is 60 days, docs/model.md section 3).
constexpr int kDaysAfterLastStep = 180;
constexpr std::uint64_t kDefaultSeed = 20261208;
const char* const kEngine = "taperlab 0.1.0";

struct ReportArgs {
  bool json = false;
  std::string csv_file;
  std::string svg_file;
  std::string out_file;
};

struct CohortArgs {
  std::vector<std::string> plan_files;
  std::uint64_t n = 0;
  std::uint64_t seed = kDefaultSeed;
  double threshold = cohort::kDefaultThresholdW;
  unsigned threads = 0;  // 0: the machine's hardware threads
  int days = 0;          // 0: the last step's day + kDaysAfterLastStep
  std::string population = "adults";
  std::string shard;
  ReportArgs report;
};

struct MergeArgs {
  std::vector<std::string> files;
  ReportArgs report;
};

// "i/k" with 0 <= i < k <= kMaxShards.
std::pair<std::uint64_t, std::uint64_t> parse_shard_flag(const std::string& text) {
  const auto bad = [&] {
    return ValidationError("--shard",
                           "expected i/k with 0 <= i < k (shard i of k, counted from "
                           "0), e.g. 0/4; got '" +
                               text + "'");
  };
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw bad();
  std::uint64_t i = 0;
  std::uint64_t k = 0;
  const char* begin = text.data();
  const char* mid = begin + slash;
  const char* end = begin + text.size();
  const auto a = std::from_chars(begin, mid, i);
  const auto b = std::from_chars(mid + 1, end, k);
  if (a.ec != std::errc() || a.ptr != mid || b.ec != std::errc() || b.ptr != end || k == 0 ||
      i >= k) {
    throw bad();
  }
  if (k > kMaxShards) {
    throw ValidationError("--shard", "at most " + std::to_string(kMaxShards) + " shards");
  }
  return {i, k};
}

void write_file(const std::string& path, const std::string& flag, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  if (!file || !(file << text) || !file.flush()) {
    throw ValidationError(flag, "cannot write '" + path + "'");
  }
}

std::string file_label(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

// Prints the report (text or JSON) and writes the CSV and SVG files it asks for.
void print_report(CliContext& ctx, const cohort::CohortResult& result, const ReportArgs& args) {
  if (!args.csv_file.empty()) write_file(args.csv_file, "--csv", report::cohort_csv(result));
  if (!args.svg_file.empty()) write_file(args.svg_file, "--svg", report::cohort_svg(result));
  if (args.json) {
    ctx.out() << report::cohort_json(result);
    return;
  }
  ctx.out() << report::cohort_table(result);
  if (!args.csv_file.empty()) ctx.out() << "Daily bands written to " << args.csv_file << "\n";
  if (!args.svg_file.empty()) ctx.out() << "Chart written to " << args.svg_file << "\n";
}

void check_report_files(const ReportArgs& args) {
  for (const auto& [flag, file] :
       {std::pair{"--csv", args.csv_file}, {"--svg", args.svg_file}, {"--out", args.out_file}}) {
    if (file.empty()) continue;
    const auto parent = std::filesystem::path(file).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent)) {
      throw ValidationError(flag, "no folder '" + parent.string() + "' for '" + file + "'");
    }
  }
}

void run_cohort_command(CliContext& ctx, const CohortArgs& a) {
  if (a.plan_files.empty()) throw ValidationError("--plan", "give at least one plan file");
  if (a.n == 0 || a.n > kMaxPeople) {
    throw ValidationError("--n", "expected a number of people from 1 to " +
                                     std::to_string(kMaxPeople) + ", got " + std::to_string(a.n));
  }
  if (!std::isfinite(a.threshold) || a.threshold < 0) {
    throw ValidationError("--threshold", "expected a withdrawal pressure W of 0 or more");
  }
  if (a.days < 0 || a.days > kMaxCohortDays) {
    throw ValidationError(
        "--days", "expected a whole number of days from 1 to " + std::to_string(kMaxCohortDays));
  }
  if (a.threads > kMaxThreads) {
    throw ValidationError("--threads", "expected 1 to " + std::to_string(kMaxThreads));
  }
  std::uint64_t shard_i = 0;
  std::uint64_t shard_k = 1;
  if (!a.shard.empty()) {
    std::tie(shard_i, shard_k) = parse_shard_flag(a.shard);
    if (a.report.out_file.empty()) {
      throw ValidationError("--shard", "a shard writes its summary to a file: add --out FILE");
    }
  }
  check_report_files(a.report);

  const Catalog& catalog = ctx.catalog();
  std::vector<cohort::CohortPlan> plans;
  cohort::CohortStudy study;
  for (const auto& file : a.plan_files) {
    const std::string text = io::read_text_file(file, "--plan");
    io::read_json_file_with(file, "--plan", [&](const nlohmann::json& doc) {
      plans.push_back(cohort::parse_cohort_plan(doc));
    });
    (void)catalog.table(plans.back().table_id, "--plan " + file + ": table");
    study.plans.push_back({file_label(file), auth::token_hash(text)});
  }
  int days = a.days;
  if (days == 0) {
    for (const auto& p : plans) days = std::max(days, p.last_step_day + kDaysAfterLastStep);
    days = std::clamp(days, 1, kMaxCohortDays);
  }
  const std::filesystem::path data_dir =
      ctx.data_dir.empty() ? io::default_data_dir() : ctx.data_dir;
  const std::filesystem::path population_file = data_dir / "population" / (a.population + ".json");
  if (!std::filesystem::exists(population_file)) {
    throw ValidationError("--population", "no population '" + a.population + "' (no " +
                                              population_file.string() + ")");
  }
  const cohort::Population population = io::load_population(data_dir, a.population);
  study.n = a.n;
  study.seed = a.seed;
  study.threshold_w = a.threshold;
  study.days = days;
  study.population = "population/" + a.population + ".json";
  study.population_sha256 = auth::token_hash(io::read_text_file(population_file, "--population"));
  study.engine = kEngine;

  const cohort::PeopleRange range = cohort::shard_range(a.n, shard_i, shard_k);
  const unsigned threads =
      a.threads != 0 ? a.threads : std::max(1U, std::thread::hardware_concurrency());
  cohort::CohortResult result;
  result.study = study;
  if (range.end > range.first) result.people.push_back(range);
  for (const auto& plan : plans) {
    std::vector<cohort::CohortSummary> sinks(threads, cohort::CohortSummary(days, a.threshold));
    std::vector<cohort::CohortSink*> pointers;
    for (auto& s : sinks) pointers.push_back(&s);
    cohort::CohortRequest request;
    request.plan = plan.request(days);
    request.population = population;
    request.n = a.n;
    request.first = range.first;
    request.count = range.end - range.first;
    request.seed = a.seed;
    if (request.count > 0) {
      run_cohort(catalog, catalog.table(plan.table_id), plan.model, request, pointers);
    }
    for (std::size_t t = 1; t < sinks.size(); ++t) sinks.front().merge(sinks[t]);
    result.summaries.push_back(std::move(sinks.front()));
  }
  if (!a.report.out_file.empty()) {
    write_file(a.report.out_file, "--out", cohort::shard_text(result));
  }
  if (!a.shard.empty()) {
    ctx.out() << "Shard " << a.shard << ": people [" << range.first << ", " << range.end << ") of "
              << a.n << ", seed " << a.seed << ", written to " << a.report.out_file
              << ". Combine the shards with `taperlab cohort merge`.\n";
    return;
  }
  print_report(ctx, result, a.report);
}

std::string ranges_text(const std::vector<cohort::PeopleRange>& ranges) {
  std::string out;
  for (const auto& r : ranges) {
    if (!out.empty()) out += ", ";
    out += "[" + std::to_string(r.first) + ", " + std::to_string(r.end) + ")";
  }
  return out;
}

void run_merge(CliContext& ctx, const MergeArgs& a) {
  if (a.files.empty()) throw ValidationError("FILES", "give the shard files to merge");
  check_report_files(a.report);
  std::vector<cohort::CohortResult> results;
  for (const auto& file : a.files) {
    io::read_json_file_with(file, "FILES", [&](const nlohmann::json& doc) {
      results.push_back(cohort::parse_shard(doc));
    });
  }
  const cohort::CohortResult merged = cohort::merge_results(results, a.files);
  if (!a.report.out_file.empty()) {
    write_file(a.report.out_file, "--out", cohort::shard_text(merged));
  }
  const auto missing = cohort::missing_people(merged);
  if (!missing.empty()) {
    if (!a.report.out_file.empty()) {
      ctx.out() << "Merged summary written to " << a.report.out_file << "; people "
                << ranges_text(missing) << " of " << merged.study.n << " are still missing.\n";
      return;
    }
    throw ValidationError("FILES", "the files do not cover the whole study of " +
                                       std::to_string(merged.study.n) + " people: people " +
                                       ranges_text(missing) +
                                       " are missing (add their shards, or write a partial "
                                       "merge with --out FILE)");
  }
  print_report(ctx, merged, a.report);
  if (!a.report.out_file.empty() && !a.report.json) {
    ctx.out() << "Merged summary written to " << a.report.out_file << "\n";
  }
}

void add_report_options(CLI::App* cmd, ReportArgs& r, const char* out_help) {
  cmd->add_flag("--json", r.json, "print the report as JSON");
  cmd->add_option("--csv", r.csv_file,
                  "write the daily bands to this CSV file (day,plan,series,p5,p25,p50,p75,p95)");
  cmd->add_option("--svg", r.svg_file, "write a chart of the W and R bands to this SVG file");
  cmd->add_option("--out", r.out_file, out_help);
}

}  // namespace

void add_cohort_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand(
      "cohort", "run virtual people through one or more plans and compare how they fare");
  auto a = std::make_shared<CohortArgs>();
  cmd->add_option("--plan", a->plan_files,
                  "plan file as `taperlab plan --format json` writes it (repeat to compare plans)");
  cmd->add_option("--n", a->n, "number of virtual people");
  cmd->add_option("--seed", a->seed, "random seed: the same seed gives the same people")
      ->capture_default_str();
  cmd->add_option("--threshold", a->threshold,
                  "withdrawal pressure W counted as above the threshold (default assumed: "
                  "docs/model.md section 4)")
      ->capture_default_str();
  cmd->add_option("--threads", a->threads, "threads (default: the machine's)");
  cmd->add_option("--days", a->days,
                  "days to follow each person (default: the last step's day + 180)");
  cmd->add_option("--population", a->population, "population file under data/population/")
      ->capture_default_str();
  cmd->add_option("--shard", a->shard,
                  "run only shard i of k (0 <= i < k): people [i n/k, (i+1) n/k); needs --out");
  add_report_options(cmd, a->report, "write the mergeable summary to this file");

  auto* merge = cmd->add_subcommand("merge", "combine shard files into one cohort report");
  auto m = std::make_shared<MergeArgs>();
  merge->add_option("FILES", m->files, "shard files written by `taperlab cohort --shard i/k --out`")
      ->required();
  add_report_options(merge, m->report, "also write the merged summary to this file");
  merge->callback([&ctx, m] { run_merge(ctx, *m); });
  cmd->callback([&ctx, a, merge] {
    if (merge->parsed()) return;
    run_cohort_command(ctx, *a);
  });
}

}  // namespace taperlab::cli
