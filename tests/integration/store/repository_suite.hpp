#pragma once

// The repository suite: every Repository adapter must pass it. It uses nothing but the interface;
// an adapter joins with one line in its own file, e.g.
//   INSTANTIATE_TEST_SUITE_P(Postgres, RepositoryTest,
//                            ::testing::Values(RepositoryFactory{"postgres", open_postgres}),
//                            factory_name);

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "core/journal/records_json.hpp"
#include "store/repository.hpp"
#include "store/temp_folder.hpp"

namespace taperlab::store::testing {

struct RepositoryFactory {
  std::string name;
  // Opens the store whose data lives in (or is keyed by) `folder`, a fresh folder per test:
  // calling it again with the same folder must reach the same data (reopening, two clients).
  std::function<std::unique_ptr<Repository>(const std::filesystem::path& folder)> open;
};

// Test names and ctest names show the adapter's name, not the struct's bytes.
inline void PrintTo(const RepositoryFactory& factory, std::ostream* out) { *out << factory.name; }

inline std::string factory_name(const ::testing::TestParamInfo<RepositoryFactory>& info) {
  return info.param.name;
}

class RepositoryTest : public ::testing::TestWithParam<RepositoryFactory> {
 protected:
  std::unique_ptr<Repository> open_another() { return GetParam().open(folder_.path()); }

  Repository& repo() {
    if (!repo_) repo_ = open_another();
    return *repo_;
  }

  // Closes the repository and opens it again on the same data.
  Repository& reopen() {
    repo_.reset();
    return repo();
  }

  PersonId add_person(const std::string& name = "Sam") {
    Person p;
    p.name = name;
    p.created_on = parse_civil_date("2026-01-01", "test");
    return repo().add_person(p);
  }

  TempFolder folder_;
  std::unique_ptr<Repository> repo_;
};

// A check-in's writer writes text (records_json.hpp): read back, for same_record.
inline nlohmann::json to_json(const CheckIn& c) {
  return nlohmann::json::parse(check_in_json_text(c));
}

// Records compared member by member through their JSON (to_json writes every member; doubles
// compare exactly), with the JSON in the failure message.
template <typename Record>
::testing::AssertionResult same_record(const Record& actual, const Record& expected) {
  const auto a = to_json(actual);
  const auto e = to_json(expected);
  if (a == e) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "\n  actual:   " << a.dump() << "\n  expected: " << e.dump();
}

}  // namespace taperlab::store::testing
