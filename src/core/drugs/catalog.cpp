#include "core/drugs/catalog.hpp"

#include <algorithm>

#include "core/base/error.hpp"
#include "core/base/name_suggest.hpp"
#include "core/base/text.hpp"

namespace taperlab {
namespace {

// ASCII only, as std::tolower in the "C" locale taperlab runs in (it never calls setlocale),
// without a call per character: the planner looks drugs up thousands of times per plan.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string suggestion_text(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  return "; did you mean " + join_words(names, " or ") + "?";
}

}  // namespace

Catalog::Catalog(std::vector<Drug> drugs, std::vector<EquivalenceTable> tables)
    : drugs_(std::move(drugs)), tables_(std::move(tables)) {
  std::sort(drugs_.begin(), drugs_.end(), [](const Drug& a, const Drug& b) { return a.id < b.id; });
}

const Drug* Catalog::find_drug(std::string_view name) const noexcept {
  // Most callers pass the canonical id: found by binary search (drugs_ is sorted by id).
  const auto exact = std::lower_bound(
      drugs_.begin(), drugs_.end(), name,
      [](const Drug& d, std::string_view wanted) { return std::string_view(d.id) < wanted; });
  if (exact != drugs_.end() && exact->id == name) return &*exact;
  for (const auto& d : drugs_) {
    if (equals_ignoring_case(d.id, name) || equals_ignoring_case(d.generic_name, name)) return &d;
  }
  for (const auto& d : drugs_) {
    for (const auto& [region, names] : d.brands) {
      for (const auto& brand : names) {
        if (equals_ignoring_case(brand, name)) return &d;
      }
    }
  }
  return nullptr;
}

const Drug& Catalog::drug(std::string_view name, const std::string& field) const {
  if (const Drug* d = find_drug(name)) return *d;
  std::vector<std::string> names;
  for (const auto& d : drugs_) names.push_back(d.id);
  throw ValidationError(field, "unknown drug '" + std::string(name) + "'" +
                                   suggestion_text(nearest_names(name, names)));
}

const EquivalenceTable& Catalog::table(std::string_view id, const std::string& field) const {
  for (const auto& t : tables_) {
    if (equals_ignoring_case(t.id, id)) return t;
  }
  std::string known;
  for (const auto& t : tables_) known += (known.empty() ? "" : ", ") + t.id;
  throw ValidationError(
      field, "unknown equivalence table '" + std::string(id) + "'; choose one of " + known);
}

}  // namespace taperlab
