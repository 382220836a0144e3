#include "auth/sodium_ready.hpp"

#include <sodium.h>

#include "core/base/error.hpp"

namespace taperlab::auth {

void ensure_sodium() {
  // A function-local static is initialised once even with several threads calling; sodium_init()
  // itself is idempotent (returns 1 when already done), -1 only on failure.
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw Error(ErrorCode::kInternal, "could not initialise libsodium");
}

}  // namespace taperlab::auth
