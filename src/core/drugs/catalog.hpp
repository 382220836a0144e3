#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/drugs/drug.hpp"
#include "core/drugs/equivalence_table.hpp"

namespace taperlab {

// The drugs and equivalence tables shipped in data/, already validated.
class Catalog {
 public:
  Catalog(std::vector<Drug> drugs, std::vector<EquivalenceTable> tables);

  [[nodiscard]] const std::vector<Drug>& drugs() const noexcept { return drugs_; }
  [[nodiscard]] const std::vector<EquivalenceTable>& tables() const noexcept { return tables_; }

  // Finds a drug by id, generic name or brand name (case-insensitive). Throws ValidationError
  // naming `field` with the nearest names when unknown.
  [[nodiscard]] const Drug& drug(std::string_view name, const std::string& field = "drug") const;
  [[nodiscard]] const Drug* find_drug(std::string_view name) const noexcept;

  [[nodiscard]] const EquivalenceTable& table(std::string_view id,
                                              const std::string& field = "table") const;
  [[nodiscard]] const EquivalenceTable& default_table() const { return table("ashton"); }

 private:
  std::vector<Drug> drugs_;
  std::vector<EquivalenceTable> tables_;
};

}  // namespace taperlab
