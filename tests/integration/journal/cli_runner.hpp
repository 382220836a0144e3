#pragma once

// Runs the real `taperlab` binary the way a person or a script would, with the clock pinned by
// TAPERLAB_TODAY / TAPERLAB_NOW so that a whole taper can be lived in seconds.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace taperlab::testing {

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together

  [[nodiscard]] nlohmann::json json() const { return nlohmann::json::parse(output); }
};

inline std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

class Cli {
 public:
  Cli(std::filesystem::path binary, std::filesystem::path db)
      : binary_(std::move(binary)), db_(std::move(db)) {}

  void set_today(const std::string& date) { today_ = date; }
  [[nodiscard]] const std::filesystem::path& db() const { return db_; }

  // `args` is a shell-quoted argument string; --db is added after the command name.
  CliResult run(const std::string& command, const std::string& args = "",
                const std::string& db_override = "") const {
    const std::string db = db_override.empty() ? db_.string() : db_override;
    const std::string line = "TAPERLAB_TODAY=" + today_ + " TAPERLAB_NOW=" + today_ +
                             "T09:00:00Z " + shell_quote(binary_.string()) + " " + command +
                             " --db " + shell_quote(db) + " " + args + " 2>&1";
    FILE* pipe = popen(line.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot start " + line);
    CliResult result;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
      result.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
  }

 private:
  std::filesystem::path binary_;
  std::filesystem::path db_;
  std::string today_ = "2026-01-01";
};

}  // namespace taperlab::testing
