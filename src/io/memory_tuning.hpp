#pragma once

namespace taperlab::io {

// Tells the C library to keep memory it has freed for the next allocation instead of handing it
// back to the kernel at once. A plan preview allocates and frees a few megabytes of simulation
// traces; with glibc's defaults each of them comes back as fresh pages, and on a virtual machine
// the page faults and TLB flushes of that cost ten times the simulation itself (5.4 ms instead of
// 0.4 ms to build a plan, bench/plan_preview_bench.cpp). Freed memory above 256 MiB of free heap
// is still returned. Call once at start-up, before threads; a no-op where glibc is not used.
void keep_freed_memory();

}  // namespace taperlab::io
