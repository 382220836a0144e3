#pragma once

// Stored plans parsed once per process. A plan document is tens of kilobytes of JSON and every
// screen of the day reads the one in force; parsing it again on each request cost most of the
// time of GET today.

#include <memory>

#include "core/journal/plan_view.hpp"
#include "core/journal/records.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

struct ParsedPlanVersion {
  PlanVersion version;
  PlanView view;
};

// The parsed form of `stored`, from the cache when the same version with the same text was parsed
// before. Entries are looked up by record id and used only when every stored field and the
// revision match, so a deleted version whose id SQLite hands out again (with a new revision) is
// parsed afresh; versions without a revision (0, stored before migration 0003) also compare the
// texts. Thread-safe; the result is shared and read-only. Throws StorageError for text that is
// not JSON and ValidationError for a document parse_plan_view refuses.
std::shared_ptr<const ParsedPlanVersion> parsed_plan(const store::PlanVersionText& stored);

// The parsed form of a version read without its text (a header: every field but the texts), or
// null when this process has not parsed that version with that revision. Revision 0 never
// matches: such a version must be read with its text.
std::shared_ptr<const ParsedPlanVersion> known_plan(const store::PlanVersionText& header);

}  // namespace taperlab::journal
