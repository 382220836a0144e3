#pragma once

#include <string>
#include <vector>

namespace taperlab::cli {

// The command line's arguments as given, after blanking every database password in the process's
// own argv with '*': the process list (ps, /proc/PID/cmdline) shows that memory to every user of
// the machine, for as long as the command runs (`serve` for months). PostgreSQL's own programs do
// the same. Call it first, and parse the copy it returns; between exec and this call the password
// is still visible, which is why the CLI warns and the docs point to PGPASSFILE and PGPASSWORD.
class HiddenPasswordArgs {
 public:
  HiddenPasswordArgs(int argc, char** argv);
  HiddenPasswordArgs(const HiddenPasswordArgs&) = delete;  // argv() points into this object
  HiddenPasswordArgs& operator=(const HiddenPasswordArgs&) = delete;
  [[nodiscard]] int argc() const { return static_cast<int>(pointers_.size()) - 1; }
  [[nodiscard]] char** argv() { return pointers_.data(); }

 private:
  std::vector<std::string> copies_;
  std::vector<char*> pointers_;  // into copies_, ending with nullptr as argv does
};

}  // namespace taperlab::cli
