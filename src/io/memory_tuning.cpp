#include "io/memory_tuning.hpp"

#include <cstdlib>  // defines __GLIBC__ where glibc is the C library

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace taperlab::io {

void keep_freed_memory() {
#if defined(__GLIBC__)
  // Free heap is trimmed only above 256 MiB; blocks are served from the heap (not mmap) up to
  // 32 MiB, the most glibc allows, so large traces are reused too. Fixed values also stop
  // glibc's own threshold adjustment, which starts at 128 KiB.
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
#endif
}

}  // namespace taperlab::io
