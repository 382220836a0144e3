#include "core/instruments/instrument_score.hpp"

#include <charconv>

#include "core/base/error.hpp"
#include "core/base/text.hpp"

namespace taperlab {
namespace {

std::string index_field(const std::string& field, std::size_t i) {
  return field + "[" + std::to_string(i) + "]";
}

bool allowed(const InstrumentItem& item, std::int64_t value) {
  for (const auto& o : item.options) {
    if (o.value == value) return true;
  }
  return false;
}

std::string allowed_text(const InstrumentItem& item) {
  const bool contiguous =
      item.max_value() - item.min_value() + 1 == static_cast<int>(item.options.size());
  if (contiguous) {
    return std::to_string(item.min_value()) + " to " + std::to_string(item.max_value());
  }
  std::string out = "one of ";
  for (std::size_t i = 0; i < item.options.size(); ++i) {
    out += (i > 0 ? ", " : "") + std::to_string(item.options[i].value);
  }
  return out;
}

// One answer per item, each one its item allows (ints or 64-bit integers alike).
template <typename Int>
void check_answers(const Instrument& instrument, const std::vector<Int>& answers,
                   const std::string& field) {
  const auto& items = instrument.items;
  if (answers.size() != items.size()) {
    throw ValidationError(field, "expected " + std::to_string(items.size()) +
                                     " answers, one per item of " + instrument.name + ", got " +
                                     std::to_string(answers.size()));
  }
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!allowed(items[i], answers[i])) {
      errors.push_back({index_field(field, i), "item " + std::to_string(i + 1) + ": expected " +
                                                   allowed_text(items[i]) + ", got " +
                                                   std::to_string(answers[i])});
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

}  // namespace

std::vector<int> checked_answers(const Instrument& instrument,
                                 const std::vector<std::int64_t>& answers,
                                 const std::string& field) {
  require_scored(instrument);
  check_answers(instrument, answers, field);
  // Every answer is now an option's value, which is an int.
  return {answers.begin(), answers.end()};
}

void require_scored(const Instrument& instrument) {
  if (instrument.kind == InstrumentKind::kByol) {
    throw ValidationError(
        "instrument",
        instrument.name + " cannot be administered or scored by taperlab: its items are " +
            (instrument.licence.status == LicenceStatus::kCopyrighted ? "copyrighted"
                                                                      : "of unclear licence") +
            ", so they are not shipped (a 'bring your own licence' entry: it needs a licence "
            "file)");
  }
  if (!instrument.scored()) {
    throw ValidationError("instrument", instrument.name + " is a " + to_string(instrument.kind) +
                                            " with no total score");
  }
}

std::string band_label(const Scoring& scoring, int total) {
  std::string label;
  for (const auto& b : scoring.bands) {
    if (total >= b.min) label = b.label;
  }
  return label;
}

InstrumentScore score(const Instrument& instrument, const std::vector<int>& answers,
                      const std::string& field) {
  require_scored(instrument);
  check_answers(instrument, answers, field);

  const Scoring& scoring = *instrument.scoring;
  InstrumentScore s;
  for (int a : answers) s.total += a;
  s.min = scoring.min;
  s.max = scoring.max;
  s.band = band_label(scoring, s.total);
  s.share = scoring.max > scoring.min
                ? static_cast<double>(s.total - s.min) / static_cast<double>(s.max - s.min)
                : 0.0;
  return s;
}

std::vector<int> parse_answers(std::string_view text, const std::string& field) {
  if (trim(text).empty()) {
    throw ValidationError(field,
                          "is empty: expected one answer per item, separated by commas "
                          "(e.g. 0,1,3,...)");
  }
  std::vector<int> out;
  std::vector<FieldError> errors;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string_view token = trim(text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    const std::size_t i = out.size();
    int value = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (token.empty()) {
      errors.push_back({index_field(field, i), "answer " + std::to_string(i + 1) + " is empty"});
    } else if (ec != std::errc() || end != token.data() + token.size()) {
      errors.push_back({index_field(field, i), "answer " + std::to_string(i + 1) +
                                                   ": expected a whole number, got '" +
                                                   std::string(token) + "'"});
    }
    out.push_back(value);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
  return out;
}

bool needs_crisis_message(const Instrument& instrument, const std::vector<int>& answers) {
  if (!instrument.crisis_rule) return false;
  const CrisisRule& rule = *instrument.crisis_rule;
  return rule.item_index < answers.size() && answers[rule.item_index] > rule.above;
}

}  // namespace taperlab
