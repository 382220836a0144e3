#include "core/drugs/drug.hpp"

namespace taperlab {

const char* to_string(Evidence e) {
  switch (e) {
    case Evidence::kPublished:
      return "published";
    case Evidence::kDerived:
      return "derived";
    case Evidence::kAssumed:
      return "assumed";
  }
  return "?";
}

const char* to_string(DrugClass c) { return c == DrugClass::kZDrug ? "z-drug" : "benzodiazepine"; }

const char* to_string(ActingClass c) {
  switch (c) {
    case ActingClass::kShort:
      return "short";
    case ActingClass::kIntermediate:
      return "intermediate";
    case ActingClass::kLong:
      return "long";
  }
  return "?";
}

const char* to_string(FormulationForm f) {
  switch (f) {
    case FormulationForm::kTablet:
      return "tablet";
    case FormulationForm::kCapsule:
      return "capsule";
    case FormulationForm::kOdt:
      return "odt";
    case FormulationForm::kOralSolution:
      return "oral_solution";
  }
  return "?";
}

const char* to_string(Split s) {
  switch (s) {
    case Split::kNone:
      return "none";
    case Split::kHalf:
      return "half";
    case Split::kQuarter:
      return "quarter";
  }
  return "?";
}

const char* to_string(ProductStatus s) {
  switch (s) {
    case ProductStatus::kMarketed:
      return "marketed";
    case ProductStatus::kSpecial:
      return "special";
    case ProductStatus::kDiscontinued:
      return "discontinued";
  }
  return "?";
}

}  // namespace taperlab
