#include "io/data_dir.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"
#include "core/drugs/catalog_parse.hpp"

namespace taperlab::io {
namespace fs = std::filesystem;

std::vector<fs::path> data_json_files(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw DataFileError(dir.string(), "", "", "folder not found (set TAPERLAB_DATA_DIR)");
  }
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

nlohmann::json read_data_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw DataFileError(path.string(), "", "", "cannot be read");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw DataFileError(path.string(), "", "", std::string("malformed JSON: ") + e.what());
  }
}

fs::path default_data_dir() {
  if (const char* env = std::getenv("TAPERLAB_DATA_DIR"); env && *env) return env;
  return TAPERLAB_DATA_DIR;
}

Catalog load_catalog(const fs::path& data_dir) {
  std::vector<Drug> drugs;
  for (const auto& file : data_json_files(data_dir / "drugs")) {
    Drug d = parse_drug(read_data_json(file), file.string());
    if (file.stem() != d.id) {
      throw DataFileError(file.string(), d.id, "id", "must match the file name");
    }
    drugs.push_back(std::move(d));
  }
  std::vector<EquivalenceTable> tables;
  for (const auto& file : data_json_files(data_dir / "equivalence")) {
    EquivalenceTable t = parse_equivalence_table(read_data_json(file), file.string());
    for (const auto& entry : t.entries) {
      const std::string& drug = entry.first;  // no structured binding: clang 14 cannot capture one
      const bool known =
          std::any_of(drugs.begin(), drugs.end(), [&](const Drug& d) { return d.id == drug; });
      if (!known) {
        throw DataFileError(file.string(), drug, "entries." + drug,
                            "no such drug in " + (data_dir / "drugs").string());
      }
    }
    tables.push_back(std::move(t));
  }
  if (drugs.empty()) throw DataFileError((data_dir / "drugs").string(), "", "", "no drug files");
  const bool has_ashton = std::any_of(tables.begin(), tables.end(),
                                      [](const EquivalenceTable& t) { return t.id == "ashton"; });
  if (!has_ashton) {
    throw DataFileError((data_dir / "equivalence").string(), "", "", "the ashton table is missing");
  }
  for (const auto& d : drugs) {
    const auto& ashton = *std::find_if(tables.begin(), tables.end(),
                                       [](const EquivalenceTable& t) { return t.id == "ashton"; });
    if (!ashton.has(d.id)) {
      throw DataFileError((data_dir / "equivalence" / "ashton.json").string(), d.id,
                          "entries." + d.id, "every catalogue drug needs an Ashton equivalent");
    }
  }
  return Catalog(std::move(drugs), std::move(tables));
}

std::string read_text_file(const fs::path& path, const std::string& field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ValidationError(field, "cannot read file '" + path.string() + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ValidationError file_error(const ValidationError& error, const fs::path& path,
                           const std::string& field) {
  const std::string file =
      (field.rfind("--", 0) == 0 ? field + " " : std::string()) + path.string();
  std::vector<FieldError> errors;
  for (const auto& e : error.errors()) {
    errors.push_back({e.field.empty() ? file : file + ": " + e.field, e.message});
  }
  return ValidationError(std::move(errors));
}

nlohmann::json read_json_file(const fs::path& path, const std::string& field) {
  const std::string text = read_text_file(path, field);
  try {
    return json_fields::parse_document(text);
  } catch (const ValidationError& e) {
    throw file_error(e, path, field);
  }
}

void read_json_file_with(const fs::path& path, const std::string& field,
                         const std::function<void(const nlohmann::json&)>& read) {
  const nlohmann::json doc = read_json_file(path, field);
  try {
    read(doc);
  } catch (const ValidationError& e) {
    throw file_error(e, path, field);
  } catch (const nlohmann::json::exception& e) {
    // A reader met a type it did not check for: still the file's fault, and said so.
    throw file_error(
        ValidationError("", std::string("not a file taperlab reads here (") + e.what() + ")"), path,
        field);
  }
}

}  // namespace taperlab::io
