// `taperlab report [--format text|html|pdf] [--out FILE] [--date D] [--db F]`: the visit report
// for the prescriber (report/visit_report.hpp): one or two pages, as plain text, a self-contained
// HTML page or a PDF. A PDF needs --out (it is not text for a terminal).
#include <fstream>

#include "commands/commands.hpp"
#include "core/base/error.hpp"
#include "journal/people.hpp"
#include "journal/visit_report.hpp"
#include "journal_session.hpp"
#include "report/visit_report.hpp"

namespace taperlab::cli {
namespace {

struct ReportArgs {
  JournalArgs journal;
  std::string format = "text";
  std::string out;
};

void run_report(CliContext& ctx, const ReportArgs& a) {
  if (a.format != "text" && a.format != "html" && a.format != "pdf") {
    throw ValidationError("--format", "expected text, html or pdf, got '" + a.format + "'");
  }
  if (a.format == "pdf" && a.out.empty()) {
    throw ValidationError("--out", "a PDF needs a file to go to: add --out FILE");
  }
  JournalSession session(ctx, a.journal);
  const Person person = journal::require_person(session.repo());
  const report::VisitReport content =
      journal::build_visit_report(session.context(), person, session.date());
  const std::string bytes = a.format == "pdf"    ? report::visit_report_pdf(content)
                            : a.format == "html" ? report::visit_report_html(content)
                                                 : report::visit_report_text(content);
  if (a.out.empty()) {
    ctx.out() << bytes;
    return;
  }
  std::ofstream file(a.out, std::ios::binary);
  if (!file || !(file << bytes) || !file.flush()) {
    throw ValidationError("--out", "cannot write '" + a.out + "'");
  }
  ctx.out() << "Visit report (" << a.format << ", " << report::to_string(content.paper)
            << ") written to " << a.out
            << ". It holds health information: share it only with your prescriber.\n";
}

}  // namespace

void add_report_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("report", "a visit report for your prescriber (text, HTML, PDF)");
  auto a = std::make_shared<ReportArgs>();
  add_journal_options(cmd, a->journal, true, false);
  cmd->add_option("--format", a->format, "text, html or pdf")->capture_default_str();
  cmd->add_option("--out", a->out, "write to this file (needed for pdf)");
  cmd->callback([&ctx, a] { run_report(ctx, *a); });
}

}  // namespace taperlab::cli
