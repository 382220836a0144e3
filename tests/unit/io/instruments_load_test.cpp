// Loading data/instruments and data/crisis: errors name the file.
#include "io/instruments_load.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"

namespace taperlab {
namespace {

namespace fs = std::filesystem;

TEST(ShippedInstruments, LoadWithTheCrisisDirectory) {
  const InstrumentRegistry r = io::load_instruments(TAPERLAB_TEST_DATA_DIR);
  EXPECT_EQ(r.list().size(), 8u);
  EXPECT_TRUE(r.find("phq9").crisis_rule.has_value());
  const CrisisDirectory d = io::load_crisis_directory(TAPERLAB_TEST_DATA_DIR);
  EXPECT_EQ(d.lookup("US").emergency.numbers.front(), "911");
}

class BrokenInstrumentDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("taperlab_instruments_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy(fs::path(TAPERLAB_TEST_DATA_DIR) / "instruments", dir_ / "instruments");
    fs::copy(fs::path(TAPERLAB_TEST_DATA_DIR) / "crisis", dir_ / "crisis");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void overwrite(const std::string& relative, const std::string& text) {
    std::ofstream(dir_ / relative) << text;
  }
  template <typename Load>
  std::string error_of(Load load) {
    try {
      load(dir_);
    } catch (const DataFileError& e) {
      return e.what();
    }
    return "";
  }
  std::string instruments_error() { return error_of(io::load_instruments); }
  std::string crisis_error() { return error_of(io::load_crisis_directory); }

  fs::path dir_;
};

TEST_F(BrokenInstrumentDir, MalformedJsonNamesTheFile) {
  overwrite("instruments/gad7.json", "{\"id\": \"gad7\",");
  const std::string e = instruments_error();
  EXPECT_NE(e.find("gad7.json"), std::string::npos) << e;
  EXPECT_NE(e.find("malformed JSON"), std::string::npos) << e;
}

TEST_F(BrokenInstrumentDir, FileNameMustMatchTheId) {
  fs::rename(dir_ / "instruments" / "gad7.json", dir_ / "instruments" / "gad-7.json");
  const std::string e = instruments_error();
  EXPECT_NE(e.find("gad-7.json: gad7: field 'id': must match the file name"), std::string::npos)
      << e;
}

TEST_F(BrokenInstrumentDir, FieldErrorsNameFileAndField) {
  std::ifstream in(dir_ / "instruments" / "phq9.json");
  nlohmann::json doc = nlohmann::json::parse(in);
  doc["scoring"]["bands"][0]["min"] = 1;
  overwrite("instruments/phq9.json", doc.dump());
  const std::string e = instruments_error();
  EXPECT_NE(e.find("phq9.json: phq9: field 'scoring.bands[0].min'"), std::string::npos) << e;
}

TEST_F(BrokenInstrumentDir, MissingFoldersAreNamed) {
  fs::remove_all(dir_ / "instruments");
  EXPECT_NE(instruments_error().find("instruments"), std::string::npos);
  fs::remove_all(dir_ / "crisis");
  EXPECT_NE(crisis_error().find("crisis_lines.json: not found"), std::string::npos);
}

TEST_F(BrokenInstrumentDir, MalformedCrisisFileIsNamed) {
  overwrite("crisis/crisis_lines.json", "[");
  const std::string e = crisis_error();
  EXPECT_NE(e.find("crisis_lines.json: malformed JSON"), std::string::npos) << e;
}

}  // namespace
}  // namespace taperlab
