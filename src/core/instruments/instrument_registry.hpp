#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/instruments/instrument.hpp"

namespace taperlab {

// The instruments taperlab knows, in the order they were added (io::load_instruments adds them in
// file-name order).
class InstrumentRegistry {
 public:
  InstrumentRegistry() = default;
  explicit InstrumentRegistry(std::vector<Instrument> instruments);

  // Throws Conflict when an instrument with the same id is already registered.
  void add(Instrument instrument);

  // By id or short name, ignoring case ("phq9", "PHQ-9"); nullptr when unknown.
  [[nodiscard]] const Instrument* try_find(std::string_view name) const noexcept;

  // As try_find, but an unknown name is a ValidationError on `field`:
  // "unknown questionnaire 'phq8'; did you mean phq9?; known: bwsq, ciwa-b, gad7, ...".
  [[nodiscard]] const Instrument& find(std::string_view name,
                                       const std::string& field = "instrument") const;

  [[nodiscard]] const std::vector<Instrument>& list() const noexcept { return instruments_; }
  [[nodiscard]] std::vector<std::string> ids() const;

 private:
  std::vector<Instrument> instruments_;
};

}  // namespace taperlab
