// Writes the FHIR R4 Bundle of the demo journal (`taperlab serve --demo`, journal/demo.hpp) for
// the schema check in run.sh: the demo person is made through the journal's use cases, as the
// server makes it, in a fresh SQLite file, and exported as GET .../export.fhir.json exports it.
//   taperlab_fhir_demo_bundle DATA_DIR DB_FILE OUT_FILE
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "io/data_dir.hpp"
#include "io/instruments_load.hpp"
#include "journal/demo.hpp"
#include "journal/fhir_export.hpp"
#include "store/sqlite/sqlite_repository.hpp"

int main(int argc, char** argv) {
  using namespace taperlab;
  if (argc != 4) {
    std::cerr << "usage: taperlab_fhir_demo_bundle DATA_DIR DB_FILE OUT_FILE\n";
    return 2;
  }
  try {
    const std::filesystem::path data_dir = argv[1];
    const Catalog catalog = io::load_catalog(data_dir);
    const InstrumentRegistry instruments = io::load_instruments(data_dir);
    const CrisisDirectory crisis = io::load_crisis_directory(data_dir);
    store::SqliteRepository repo(argv[2]);
    const CivilDate today = parse_civil_date("2026-11-23", "today");
    const std::string now = "2026-11-23T09:00:00Z";
    const journal::JournalContext ctx{catalog, instruments, crisis, repo, today, now};
    const Person person = journal::load_demo_person(ctx, "Alex (demo)");
    const nlohmann::json bundle = journal::export_fhir(
        repo, person.id, instruments, journal::medication_codes(data_dir), today, now);
    std::ofstream out(argv[3], std::ios::binary);
    out << bundle.dump(2) << "\n";
    return out.flush() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "taperlab_fhir_demo_bundle: " << e.what() << "\n";
    return 1;
  }
}
