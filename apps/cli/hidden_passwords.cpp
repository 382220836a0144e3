#include "hidden_passwords.hpp"

#include <string_view>

#include "core/base/text.hpp"
#include "store/open_repository.hpp"

namespace taperlab::cli {

namespace {

// Blanks the password of a database URL anywhere in `arg` ("--db=postgresql://..." as well as a
// URL on its own).
void blank_passwords(char* arg) {
  const std::string_view text(arg);
  const std::string lower = to_lower(text);  // the scheme in any case, as --db takes it
  for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
    for (auto start = lower.find(scheme); start != std::string::npos;
         start = lower.find(scheme, start + 1)) {
      for (const auto& [offset, length] : store::password_spans(text.substr(start))) {
        for (std::size_t i = 0; i < length; ++i) arg[start + offset + i] = '*';
      }
    }
  }
}

}  // namespace

HiddenPasswordArgs::HiddenPasswordArgs(int argc, char** argv) : copies_(argv, argv + argc) {
  for (auto& copy : copies_) pointers_.push_back(copy.data());
  pointers_.push_back(nullptr);
  for (int i = 1; i < argc; ++i) blank_passwords(argv[i]);
}

}  // namespace taperlab::cli
