// GET /api/v1/people/{person_id}/export.fhir.json over HTTP: the journal as a FHIR R4 Bundle, a
// download of type application/fhir+json, for the signed-in person only. The mapping itself is
// tested in tests/unit/report/fhir_bundle_test.cpp and the schema in tests/fhir.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ServerFhirExport : public ServerFixture {};

TEST_F(ServerFhirExport, TheJournalAsABundleForItsOwnerOnly) {
  const Account me = sign_up_with_a_short_journal("fhir@example.org");

  auto res = get(person_path(me, "/export.fhir.json"), &me);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/fhir+json");
  EXPECT_NE(res->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(res->get_header_value("Content-Disposition").find("taperlab-fhir-"), std::string::npos);
  const json bundle = json::parse(res->body);
  EXPECT_EQ(bundle.at("resourceType"), "Bundle");
  EXPECT_EQ(bundle.at("type"), "collection");
  std::map<std::string, int> kinds;
  for (const auto& e : bundle.at("entry")) ++kinds[e.at("resource").at("resourceType")];
  EXPECT_EQ(kinds["Patient"], 1);
  EXPECT_GT(kinds["MedicationRequest"], 0);
  EXPECT_EQ(kinds["MedicationStatement"], 1);
  EXPECT_EQ(kinds["QuestionnaireResponse"], 1);
  EXPECT_EQ(kinds["Observation"], 1);
  EXPECT_EQ(res->body.find("fhir@example.org"), std::string::npos);  // no email in the record

  // Another person's journal is not found, as for every other route; no session, 401.
  const Account other = sign_up("other-fhir@example.org");
  auto theirs = get(person_path(other, "/export.fhir.json"), &me);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->status, 404);
  auto anonymous = get(person_path(me, "/export.fhir.json"));
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

}  // namespace
}  // namespace taperlab::server::testing
