#include "journal/people.hpp"

#include "core/base/error.hpp"

namespace taperlab::journal {

InitResult init_person(const JournalContext& ctx, const InitRequest& request) {
  require_not_future(ctx, request.date, "date");
  if (request.regimen) {
    for (const auto& drug : request.regimen->drugs) {
      check_plausible(drug, ctx.catalog, "regimen");
    }
  }
  InitResult result;
  ctx.repo.transaction([&] {
    std::vector<Person> people;
    if (request.person_id) {
      auto found = ctx.repo.find_person(*request.person_id);
      if (!found) throw NotFound("no such person");
      people.push_back(*found);
    } else {
      people = ctx.repo.people();
    }
    if (people.empty()) {
      Person person;
      person.name = request.name.value_or("");
      person.profile = request.profile.value_or(Profile{});
      person.created_on = request.date;
      person.time_zone = request.time_zone.value_or("");
      person.id = ctx.repo.add_person(person);
      result.person = person;
      result.created = true;
    } else {
      result.person = people.front();
      if (request.name) result.person.name = *request.name;
      if (request.profile) result.person.profile = *request.profile;
      if (request.time_zone) result.person.time_zone = *request.time_zone;
      if (request.name || request.profile || request.time_zone) {
        ctx.repo.update_person(result.person);
      }
    }
    if (request.regimen) {
      RegimenRecord record;
      record.person_id = result.person.id;
      record.effective_from = request.date;
      record.regimen = *request.regimen;
      record.recorded_at = ctx.now_utc;
      record.id = ctx.repo.add_regimen(record);
    }
    result.regimen = ctx.repo.regimen_on(result.person.id, request.date);
  });
  return result;
}

Person require_person(store::Repository& repo) {
  auto people = repo.people();
  if (people.empty()) {
    throw NotFound(
        "no journal yet: start one with `taperlab init --regimen \"DRUG DOSE@HH:MM, ...\"`");
  }
  return people.front();
}

}  // namespace taperlab::journal
