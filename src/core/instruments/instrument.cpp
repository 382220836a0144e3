#include "core/instruments/instrument.hpp"

namespace taperlab {

const char* to_string(InstrumentKind kind) {
  switch (kind) {
    case InstrumentKind::kQuestionnaire:
      return "questionnaire";
    case InstrumentKind::kChecklist:
      return "checklist";
    case InstrumentKind::kDiary:
      return "diary";
    case InstrumentKind::kByol:
      return "byol";
  }
  return "questionnaire";
}

const char* to_string(LicenceStatus status) {
  switch (status) {
    case LicenceStatus::kFree:
      return "free";
    case LicenceStatus::kOwn:
      return "own";
    case LicenceStatus::kCopyrighted:
      return "copyrighted";
    case LicenceStatus::kUnclear:
      return "unclear";
  }
  return "unclear";
}

}  // namespace taperlab
