#pragma once

// A cohort study's result as a file: what `taperlab cohort --shard i/k --out FILE` writes and
// `taperlab cohort merge FILES...` reads (docs/cli.md, "Shard files"). It holds the study's
// identity (so that shards of different studies are never mixed), which people it covers, and
// each plan's CohortSummary as integer counts, so that merging shards is exact: 4 shards merged
// give the summary of one run, count for count. Pure: JSON text in and out, no files.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/cohort/cohort_summary.hpp"

namespace taperlab::cohort {

// The shard file's format and version: a reader refuses any other.
inline constexpr const char* kShardFormat = "taperlab-cohort-summary";
inline constexpr int kShardVersion = 1;

struct PlanIdentity {
  std::string label;   // for people: the plan file's name without ".json"
  std::string sha256;  // of the plan file's bytes: the identity merge compares
  friend bool operator==(const PlanIdentity&, const PlanIdentity&) = default;
};

// What makes two runs parts of the same study.
struct CohortStudy {
  std::uint64_t n = 0;  // people in the whole study
  std::uint64_t seed = 0;
  double threshold_w = 0.0;
  int days = 0;
  std::string population;         // the population file's name (data/population/...)
  std::string population_sha256;  // of its bytes
  std::vector<PlanIdentity> plans;
  std::string engine;  // the program and version that ran it ("taperlab 0.1.0")
};

// People [first, end) of the study.
struct PeopleRange {
  std::uint64_t first = 0;
  std::uint64_t end = 0;
  friend bool operator==(const PeopleRange&, const PeopleRange&) = default;
};

// Shard i of k (0 <= i < k) of n people: [i n / k, (i + 1) n / k). Needs n k < 2^64.
PeopleRange shard_range(std::uint64_t n, std::uint64_t i, std::uint64_t k);

struct CohortResult {
  CohortStudy study;
  std::vector<PeopleRange> people;       // sorted, disjoint, not touching
  std::vector<CohortSummary> summaries;  // one per plan, in study.plans' order
};

// The file's text (JSON, one line).
std::string shard_text(const CohortResult& result);

// Reads a shard file's document. Throws ValidationError naming the member
// ("summaries[1].bands.W[3].counts[0]"); io::read_json_file_with puts the file's name in front.
CohortResult parse_shard(const nlohmann::json& doc);

// Merges results of the same study (same n, seed, threshold, days, population, plans and
// engine), whose people do not overlap. Throws ValidationError naming the source that differs and
// what differs ("b.json: not the same study as a.json: seed 7, not 42"), or the people two sources
// both cover.
CohortResult merge_results(std::span<const CohortResult> results,
                           std::span<const std::string> sources);

// The people of the study a result does not cover, as ranges.
std::vector<PeopleRange> missing_people(const CohortResult& result);

}  // namespace taperlab::cohort
