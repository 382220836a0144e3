#include "core/instruments/symptom_checklist.hpp"

#include <charconv>
#include <set>

#include "core/base/error.hpp"
#include "core/base/name_suggest.hpp"
#include "core/base/text.hpp"

namespace taperlab {
namespace {

// Passing the PHQ-9 here would be a programming error, not the user's.
void require_checklist(const Instrument& checklist) {
  if (checklist.kind != InstrumentKind::kChecklist || checklist.items.empty()) {
    throw Error(ErrorCode::kInternal, "'" + checklist.id + "' is not a symptom checklist");
  }
}

const InstrumentItem* find_item(const Instrument& checklist, std::string_view id) {
  for (const auto& item : checklist.items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

std::string unknown_item_message(const Instrument& checklist, const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& item : checklist.items) ids.push_back(item.id);
  std::string message = "unknown symptom '" + id + "'";
  const auto close = nearest_names(id, ids);
  if (close.empty()) return message + " (see the checklist for the item ids)";
  return message + "; did you mean " + join_words(close, " or ") + "?";
}

}  // namespace

SymptomScore symptom_score(const std::map<std::string, int>& ratings, const Instrument& checklist) {
  require_checklist(checklist);
  SymptomScore s;
  s.items = static_cast<int>(checklist.items.size());
  for (const auto& item : checklist.items) {
    const auto it = ratings.find(item.id);
    if (it == ratings.end()) continue;  // not answered: neither 0 nor part of the maximum
    const int rating = it->second;
    ++s.answered;
    s.max += item.max_value();
    s.sum += rating;
    if (rating > s.highest_rating) {
      s.highest_rating = rating;
      s.highest_item = item.id;
    }
    if (rating >= kSevereSymptomRating) ++s.severe_items;
  }
  if (s.max > 0) s.share = static_cast<double>(s.sum) / static_cast<double>(s.max);
  s.counts = s.answered >= kMinAnsweredSymptoms;
  return s;
}

SymptomScore symptom_score(const CheckIn& check_in, const Instrument& checklist) {
  return symptom_score(check_in.symptoms, checklist);
}

void validate_symptom_items(const std::map<std::string, int>& ratings, const Instrument& checklist,
                            const std::string& field) {
  require_checklist(checklist);
  std::vector<FieldError> errors;
  for (const auto& [id, rating] : ratings) {
    const std::string f = field + "." + id;
    const InstrumentItem* item = find_item(checklist, id);
    if (item == nullptr) {
      errors.push_back({f, unknown_item_message(checklist, id)});
    } else if (rating < item->min_value() || rating > item->max_value()) {
      errors.push_back({f, "expected " + std::to_string(item->min_value()) + " to " +
                               std::to_string(item->max_value()) + ", got " +
                               std::to_string(rating)});
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

std::map<std::string, int> parse_symptom_ratings(std::string_view text, const Instrument& checklist,
                                                 const std::string& field,
                                                 UnlistedSymptoms unlisted) {
  require_checklist(checklist);
  std::map<std::string, int> given;
  std::set<std::string> skipped;
  std::vector<FieldError> errors;
  std::size_t start = 0;
  while (!trim(text).empty()) {
    const std::size_t comma = text.find(',', start);
    const std::string_view pair = trim(text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    const std::size_t eq = pair.find('=');
    if (pair.empty()) {
      // A stray or trailing comma ("anxiety=2,") is harmless.
    } else if (eq == std::string_view::npos) {
      errors.push_back(
          {field, "expected item=rating (e.g. anxiety=2), got '" + std::string(pair) + "'"});
    } else {
      const std::string id = to_lower(trim(pair.substr(0, eq)));
      const std::string_view value = trim(pair.substr(eq + 1));
      int rating = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), rating);
      if (id.empty()) {
        errors.push_back({field, "missing item id before '=' in '" + std::string(pair) + "'"});
      } else if (value == "-") {
        if (given.contains(id) || !skipped.insert(id).second) {
          errors.push_back({field + "." + id, "is given more than once"});
        }
      } else if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
        errors.push_back(
            {field + "." + id, "expected a whole number rating, got '" + std::string(value) + "'"});
      } else if (skipped.contains(id) || !given.emplace(id, rating).second) {
        errors.push_back({field + "." + id, "is given more than once"});
      }
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  std::map<std::string, int> named = given;
  for (const auto& id : skipped) named.emplace(id, 0);  // only to check the id
  validate_symptom_items(named, checklist, field);

  std::map<std::string, int> out;
  if (unlisted == UnlistedSymptoms::kNone) {
    for (const auto& item : checklist.items) {
      if (!skipped.contains(item.id)) out[item.id] = 0;
    }
  }
  for (const auto& [id, rating] : given) out[id] = rating;
  return out;
}

}  // namespace taperlab
