// The import document (export_import.hpp import_json, what `taperlab import FILE` runs) into a
// SQLite journal in a temporary folder. An accepted document must then read back without any
// error on every screen: status, progress, today and both exports; the person is then deleted so
// that the next input imports into an empty journal again.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/base/json_fields.hpp"
#include "fuzz_support.hpp"
#include "io/data_dir.hpp"
#include "io/instruments_load.hpp"
#include "journal/export_import.hpp"
#include "journal/journal_context.hpp"
#include "journal/progress.hpp"
#include "journal/status.hpp"
#include "journal/today.hpp"
#include "store/sqlite/open.hpp"

using namespace taperlab;

namespace {

struct Journal {
  Catalog catalog = io::load_catalog(fuzz::data_dir());
  InstrumentRegistry instruments = io::load_instruments(fuzz::data_dir());
  CrisisDirectory crisis = io::load_crisis_directory(fuzz::data_dir());
  CivilDate today = parse_civil_date("2026-03-01", "today");
  std::unique_ptr<store::Repository> repo;

  Journal() {
    // /dev/shm when there is one: the journal's syncs then cost no disk.
    const std::filesystem::path base =
        std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    std::string pattern = base / "taperlab-fuzz-import-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    repo = store::open_sqlite_repository(std::filesystem::path(pattern) / "journal.db");
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Journal j;
  PersonId id{};
  const bool imported = fuzz::accepts("import_json", [&] {
    id = journal::import_json(*j.repo, j.catalog,
                              json_fields::parse_document(fuzz::text_of(data, size)), j.today);
  });
  if (!imported) return 0;
  // What was stored must be readable: a refusal now (even a ValidationError) is a finding, since
  // the person could not fix it by correcting their input.
  try {
    const auto person = j.repo->find_person(id);
    if (!person) fuzz::finding("import read-back", "the imported person is missing");
    const journal::JournalContext ctx{j.catalog, j.instruments, j.crisis,
                                      *j.repo,   j.today,       "2026-03-01T09:00:00Z"};
    (void)journal::to_json(journal::build_status(ctx, *person, j.today));
    (void)journal::progress_json(ctx, *person, j.today).dump();
    (void)journal::today_json_text(journal::build_today(*j.repo, *person, j.today));
    (void)journal::export_json(*j.repo, id).dump();
    (void)journal::export_csv(*j.repo, id);
  } catch (const NotFound&) {
    // e.g. no plan yet: the screens answer "nothing to show", as for a journal typed in by hand
  } catch (const std::exception& e) {
    fuzz::finding("import read-back", e.what());
  }
  j.repo->delete_person(id);
  return 0;
}
