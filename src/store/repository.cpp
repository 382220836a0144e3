#include "store/repository.hpp"

namespace taperlab::store {

void Repository::record_clinician_accesses(const std::vector<PersonId>& people, UserId clinician,
                                           const std::string& action, const std::string& what) {
  transaction([&] {
    for (const PersonId person : people) record_clinician_access(person, clinician, action, what);
  });
}

std::vector<LinkedPerson> Repository::linked_people_of_clinician(UserId clinician) {
  std::vector<LinkedPerson> out;
  read_snapshot([&] {
    for (const auto& link : clinician_links_of_clinician(clinician)) {
      // The version first, as a reader that keeps what it read must (see journal_version).
      const std::int64_t version = journal_version(link.person_id);
      if (auto person = find_person(link.person_id)) out.push_back({std::move(*person), version});
    }
  });
  return out;
}

}  // namespace taperlab::store
