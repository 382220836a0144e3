// GET /api/v1/people/{person_id}/report.pdf and report.html over HTTP: the visit report as a PDF
// download drawn on the server and as one self-contained page, for the signed-in person only (and
// their linked clinician, as every person route: authorization_test.cpp). The content is tested
// in tests/unit/report/visit_report_test.cpp, the PDF's text and pages in
// tests/integration/report/visit_report_pdf_test.sh.
#include <gtest/gtest.h>

#include <string>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ServerVisitReport : public ServerFixture {};

TEST_F(ServerVisitReport, APdfAndAPageForItsOwnerOnly) {
  const Account me = sign_up_with_a_short_journal("report@example.org");

  auto pdf = get(person_path(me, "/report.pdf"), &me);
  ASSERT_TRUE(pdf);
  ASSERT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  const std::string disposition = pdf->get_header_value("Content-Disposition");
  EXPECT_EQ(disposition.rfind("attachment; filename=\"taperlab-visit-report-", 0), 0U)
      << disposition;
  EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0U);
  EXPECT_NE(pdf->body.find("%%EOF"), std::string::npos);
  EXPECT_EQ(pdf->get_header_value("Cache-Control"), "no-store");

  auto html = get(person_path(me, "/report.html"), &me);
  ASSERT_TRUE(html);
  ASSERT_EQ(html->status, 200) << html->body;
  EXPECT_EQ(html->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(html->body.find("<svg"), std::string::npos);
  EXPECT_NE(html->body.find("PHQ-9"), std::string::npos);
  EXPECT_NE(html->body.find("a draft to discuss with the prescriber"), std::string::npos);
  EXPECT_NE(html->get_header_value("Content-Security-Policy").find("default-src 'none'"),
            std::string::npos);

  // A date in the future is refused; another person's report is not found; no session, 401.
  auto future = get(person_path(me, "/report.pdf?date=2999-01-01"), &me);
  ASSERT_TRUE(future);
  EXPECT_EQ(future->status, 422);
  const Account other = sign_up("other-report@example.org");
  auto theirs = get(person_path(other, "/report.pdf"), &me);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->status, 404);
  auto anonymous = get(person_path(me, "/report.pdf"));
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

}  // namespace
}  // namespace taperlab::server::testing
