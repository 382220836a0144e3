#include "core/cohort/cohort_shard.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"

namespace taperlab::cohort {
namespace {

using json_fields::member;
using nlohmann::json;

constexpr std::int64_t kMaxCount = std::numeric_limits<std::int64_t>::max();

json sketch_json(const QuantileSketch& s) {
  const auto counts = s.counts();
  // The smallest and largest values: null when there are none.
  const auto bound = [&](double v) { return s.empty() ? json(nullptr) : json(v); };
  return json{{"zero", s.zero_count()},
              {"first", s.first()},
              {"counts", std::vector<std::uint64_t>(counts.begin(), counts.end())},
              {"min", bound(s.min())},
              {"max", bound(s.max())}};
}

json summary_json(const CohortSummary& s) {
  json bands = json::object();
  for (auto series : kAllSeries) {
    json days = json::array();
    for (int d = 0; d < s.days(); ++d) days.push_back(sketch_json(s.band(series, d)));
    bands[series_name(series)] = std::move(days);
  }
  const auto vec = [](std::span<const std::uint64_t> v) {
    return std::vector<std::uint64_t>(v.begin(), v.end());
  };
  return json{{"people", s.people()},
              {"days_above", vec(s.days_above())},
              {"peak_withdrawal", sketch_json(s.peak_withdrawal())},
              {"peak_day", vec(s.peak_day())},
              {"remaining_below_day", vec(s.remaining_below_day())},
              {"bands", std::move(bands)}};
}

// A whole number from 0 to 2^64 - 1 (seeds) or to 2^63 - 1 (counts).
std::uint64_t unsigned_member(const json& obj, const char* key, const std::string& field,
                              bool full_range = false) {
  const json& v = member(obj, key, field);
  if (full_range && v.is_number_unsigned()) return v.get<std::uint64_t>();
  return static_cast<std::uint64_t>(
      json_fields::integer_value(v, json_fields::path(field, key), 0, kMaxCount));
}

std::vector<std::uint64_t> counts_member(const json& obj, const char* key, const std::string& field,
                                         std::size_t size) {
  const std::string f = json_fields::path(field, key);
  const json& a = member(obj, key, field);
  if (!a.is_array()) throw ValidationError(f, "expected an array");
  if (size != 0 && a.size() != size) {
    throw ValidationError(
        f, "expected " + std::to_string(size) + " counts, got " + std::to_string(a.size()));
  }
  std::vector<std::uint64_t> out;
  out.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    out.push_back(static_cast<std::uint64_t>(
        json_fields::integer_value(a[i], f + "[" + std::to_string(i) + "]", 0, kMaxCount)));
  }
  return out;
}

QuantileSketch parse_sketch(const json& j, const std::string& field) {
  const auto zero = unsigned_member(j, "zero", field);
  const int first =
      json_fields::whole_number(j, "first", field, 0, std::numeric_limits<int>::max());
  const auto counts = counts_member(j, "counts", field, 0);
  const auto min = json_fields::optional_number(j, "min", field);
  const auto max = json_fields::optional_number(j, "max", field);
  try {
    return QuantileSketch::from_counts(zero, first, counts, min.value_or(0.0), max.value_or(0.0));
  } catch (const std::invalid_argument& e) {
    throw ValidationError(field, e.what());
  }
}

CohortSummary parse_summary(const json& j, const std::string& field, int days, double threshold) {
  const auto n = static_cast<std::size_t>(days);
  CohortSummary::Parts parts;
  parts.people = unsigned_member(j, "people", field);
  parts.days_above = counts_member(j, "days_above", field, n + 1);
  parts.peak_withdrawal = parse_sketch(member(j, "peak_withdrawal", field),
                                       json_fields::path(field, "peak_withdrawal"));
  parts.peak_day = counts_member(j, "peak_day", field, n);
  parts.remaining_below = counts_member(j, "remaining_below_day", field, n + 1);
  const json& bands = member(j, "bands", field);
  const std::string bf = json_fields::path(field, "bands");
  for (auto series : kAllSeries) {
    const json& a = member(bands, series_name(series), bf);
    const std::string f = json_fields::path(bf, series_name(series));
    if (!a.is_array() || a.size() != n) {
      throw ValidationError(f, "expected " + std::to_string(days) + " days");
    }
    auto& out = parts.bands[static_cast<std::size_t>(series)];
    for (std::size_t d = 0; d < n; ++d) {
      out.push_back(parse_sketch(a[d], f + "[" + std::to_string(d) + "]"));
    }
  }
  try {
    return CohortSummary::from_parts(days, threshold, std::move(parts));
  } catch (const std::invalid_argument& e) {
    throw ValidationError(field, e.what());
  }
}

std::string range_text(const PeopleRange& r) {
  return "[" + std::to_string(r.first) + ", " + std::to_string(r.end) + ")";
}

// The shortest text that reads back as x ("0.05").
std::string number_text(double x) { return json(x).dump(); }

// What differs between two studies, in words ("" when they are the same study).
std::string study_difference(const CohortStudy& a, const CohortStudy& b) {
  const auto differs = [](const std::string& what, const std::string& x, const std::string& y) {
    return what + " " + x + ", not " + y;
  };
  if (a.n != b.n) return differs("n", std::to_string(b.n), std::to_string(a.n));
  if (a.seed != b.seed) return differs("seed", std::to_string(b.seed), std::to_string(a.seed));
  if (a.threshold_w != b.threshold_w) {
    return differs("threshold", number_text(b.threshold_w), number_text(a.threshold_w));
  }
  if (a.days != b.days) return differs("days", std::to_string(b.days), std::to_string(a.days));
  if (a.population_sha256 != b.population_sha256 || a.population != b.population) {
    return differs("population", b.population + " (sha256 " + b.population_sha256 + ")",
                   a.population + " (sha256 " + a.population_sha256 + ")");
  }
  if (a.plans.size() != b.plans.size()) {
    return differs("number of plans", std::to_string(b.plans.size()),
                   std::to_string(a.plans.size()));
  }
  for (std::size_t i = 0; i < a.plans.size(); ++i) {
    if (a.plans[i].sha256 != b.plans[i].sha256) {
      return differs("plan " + std::to_string(i + 1),
                     b.plans[i].label + " (sha256 " + b.plans[i].sha256 + ")",
                     a.plans[i].label + " (sha256 " + a.plans[i].sha256 + ")");
    }
  }
  if (a.engine != b.engine) return differs("engine", b.engine, a.engine);
  return "";
}

}  // namespace

PeopleRange shard_range(std::uint64_t n, std::uint64_t i, std::uint64_t k) {
  if (k == 0 || i >= k) throw std::invalid_argument("shard i/k needs 0 <= i < k");
  if (n > std::numeric_limits<std::uint64_t>::max() / k) {
    throw std::invalid_argument("shard i/k: n k is too large");
  }
  return {i * n / k, (i + 1) * n / k};
}

std::string shard_text(const CohortResult& r) {
  const CohortStudy& s = r.study;
  json plans = json::array();
  for (const auto& p : s.plans) plans.push_back({{"label", p.label}, {"sha256", p.sha256}});
  json people = json::array();
  for (const auto& p : r.people) people.push_back({p.first, p.end});
  json summaries = json::array();
  for (const auto& summary : r.summaries) summaries.push_back(summary_json(summary));
  const json doc{{"format", kShardFormat},
                 {"version", kShardVersion},
                 {"sketch",
                  {{"kind", "log-linear"},
                   {"mantissa_bits", QuantileSketch::kMantissaBits},
                   {"zero_below", QuantileSketch::kZeroBelow}}},
                 {"study",
                  {{"n", s.n},
                   {"seed", s.seed},
                   {"threshold_w", s.threshold_w},
                   {"days", s.days},
                   {"population", {{"file", s.population}, {"sha256", s.population_sha256}}},
                   {"plans", std::move(plans)},
                   {"engine", s.engine}}},
                 {"people", std::move(people)},
                 {"summaries", std::move(summaries)}};
  return doc.dump() + "\n";
}

CohortResult parse_shard(const json& doc) {
  if (!doc.is_object() || json_fields::optional_member(doc, "format") == nullptr ||
      json_fields::text(doc, "format", "") != kShardFormat) {
    throw ValidationError("format", std::string("not a cohort summary (expected \"format\": \"") +
                                        kShardFormat + "\")");
  }
  const int version = json_fields::whole_number(doc, "version", "", 0, 1000000);
  if (version != kShardVersion) {
    throw ValidationError("version", "format version " + std::to_string(version) +
                                         ", this taperlab reads version " +
                                         std::to_string(kShardVersion));
  }
  const json& sketch = member(doc, "sketch", "");
  if (json_fields::whole_number(sketch, "mantissa_bits", "sketch", 0, 64) !=
          QuantileSketch::kMantissaBits ||
      json_fields::number(sketch, "zero_below", "sketch") != QuantileSketch::kZeroBelow) {
    throw ValidationError("sketch", "written with other sketch settings than this taperlab's");
  }
  CohortResult r;
  const json& st = member(doc, "study", "");
  r.study.n = unsigned_member(st, "n", "study");
  r.study.seed = unsigned_member(st, "seed", "study", true);
  r.study.threshold_w = json_fields::number(st, "threshold_w", "study");
  r.study.days = json_fields::whole_number(st, "days", "study", 1, 100000);
  if (!(r.study.threshold_w >= 0)) throw ValidationError("study.threshold_w", "expected >= 0");
  const json& pop = member(st, "population", "study");
  r.study.population = json_fields::text(pop, "file", "study.population");
  r.study.population_sha256 = json_fields::text(pop, "sha256", "study.population");
  const json& plans = member(st, "plans", "study");
  if (!plans.is_array() || plans.empty()) {
    throw ValidationError("study.plans", "expected at least one plan");
  }
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const std::string f = "study.plans[" + std::to_string(i) + "]";
    r.study.plans.push_back(
        {json_fields::text(plans[i], "label", f), json_fields::text(plans[i], "sha256", f)});
  }
  r.study.engine = json_fields::text(st, "engine", "study");
  const json& people = member(doc, "people", "");
  if (!people.is_array()) throw ValidationError("people", "expected an array of [first, end)");
  for (std::size_t i = 0; i < people.size(); ++i) {
    const std::string f = "people[" + std::to_string(i) + "]";
    const json& p = people[i];
    if (!p.is_array() || p.size() != 2) throw ValidationError(f, "expected [first, end)");
    const auto first =
        static_cast<std::uint64_t>(json_fields::integer_value(p[0], f + "[0]", 0, kMaxCount));
    const auto end =
        static_cast<std::uint64_t>(json_fields::integer_value(p[1], f + "[1]", 0, kMaxCount));
    if (end <= first || end > r.study.n || (!r.people.empty() && first <= r.people.back().end)) {
      throw ValidationError(f, "expected ranges in order, apart, within the study's n");
    }
    r.people.push_back({first, end});
  }
  std::uint64_t covered = 0;
  for (const auto& p : r.people) covered += p.end - p.first;
  const json& summaries = member(doc, "summaries", "");
  if (!summaries.is_array() || summaries.size() != r.study.plans.size()) {
    throw ValidationError("summaries", "expected one summary per plan");
  }
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    const std::string f = "summaries[" + std::to_string(i) + "]";
    r.summaries.push_back(parse_summary(summaries[i], f, r.study.days, r.study.threshold_w));
    if (r.summaries.back().people() != covered) {
      throw ValidationError(f + ".people", "expected " + std::to_string(covered) +
                                               ", the people the file says it covers");
    }
  }
  return r;
}

CohortResult merge_results(std::span<const CohortResult> results,
                           std::span<const std::string> sources) {
  if (results.empty()) throw ValidationError("FILES", "nothing to merge");
  CohortResult out = results.front();
  // Whose people each range is, to name both files when two overlap.
  std::vector<std::pair<PeopleRange, std::size_t>> ranges;
  for (const auto& p : out.people) ranges.emplace_back(p, 0);
  for (std::size_t i = 1; i < results.size(); ++i) {
    const std::string difference = study_difference(out.study, results[i].study);
    if (!difference.empty()) {
      throw ValidationError(sources[i], "not the same study as " + sources[0] + ": " + difference);
    }
    for (const auto& p : results[i].people) ranges.emplace_back(p, i);
    for (std::size_t plan = 0; plan < out.summaries.size(); ++plan) {
      out.summaries[plan].merge(results[i].summaries[plan]);
    }
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const auto& a, const auto& b) { return a.first.first < b.first.first; });
  out.people.clear();
  for (std::size_t j = 0; j < ranges.size(); ++j) {
    const auto& [range, source] = ranges[j];
    if (j > 0 && range.first < ranges[j - 1].first.end) {
      const auto& [before, before_source] = ranges[j - 1];
      throw ValidationError(sources[source],
                            "people " + range_text(range) + " overlap " + range_text(before) +
                                " of " + sources[before_source] + " (the same shard given twice?)");
    }
    if (!out.people.empty() && out.people.back().end == range.first) {
      out.people.back().end = range.end;
    } else {
      out.people.push_back(range);
    }
  }
  return out;
}

std::vector<PeopleRange> missing_people(const CohortResult& result) {
  std::vector<PeopleRange> missing;
  std::uint64_t at = 0;
  for (const auto& p : result.people) {
    if (p.first > at) missing.push_back({at, p.first});
    at = p.end;
  }
  if (at < result.study.n) missing.push_back({at, result.study.n});
  return missing;
}

}  // namespace taperlab::cohort
