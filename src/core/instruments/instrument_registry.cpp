#include "core/instruments/instrument_registry.hpp"

#include "core/base/error.hpp"
#include "core/base/name_suggest.hpp"
#include "core/base/text.hpp"

namespace taperlab {

InstrumentRegistry::InstrumentRegistry(std::vector<Instrument> instruments) {
  for (auto& in : instruments) add(std::move(in));
}

void InstrumentRegistry::add(Instrument instrument) {
  if (try_find(instrument.id) != nullptr) {
    throw Conflict("instrument '" + instrument.id + "' is already registered");
  }
  instruments_.push_back(std::move(instrument));
}

const Instrument* InstrumentRegistry::try_find(std::string_view name) const noexcept {
  const std::string wanted = to_lower(trim(name));
  for (const auto& in : instruments_) {
    if (to_lower(in.id) == wanted) return &in;
  }
  for (const auto& in : instruments_) {
    if (to_lower(in.name) == wanted) return &in;
  }
  return nullptr;
}

const Instrument& InstrumentRegistry::find(std::string_view name, const std::string& field) const {
  if (const Instrument* in = try_find(name)) return *in;
  const std::vector<std::string> known = ids();
  std::string message = "unknown questionnaire '" + std::string(name) + "'";
  if (const auto close = nearest_names(trim(name), known); !close.empty()) {
    message += "; did you mean " + join_words(close, " or ") + "?";
  }
  message += "; known: ";
  for (std::size_t i = 0; i < known.size(); ++i) message += (i > 0 ? ", " : "") + known[i];
  throw ValidationError(field, message);
}

std::vector<std::string> InstrumentRegistry::ids() const {
  std::vector<std::string> out;
  out.reserve(instruments_.size());
  for (const auto& in : instruments_) out.push_back(in.id);
  return out;
}

}  // namespace taperlab
