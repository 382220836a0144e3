/* Reading bench/peers/'s cohort files in C (cvode_peer.c): people.csv and doses.csv, as written by
 * export_people.cpp. The columns of people.csv, in order:
 *   person, n_pk, F, ka, lag_h, (cl_s, v_s, w_s for s = 1..n_pk-1), (precursor_s, fm_s for
 *   s = 2..n_pk-1), u50, hill, k_fast_per_h, k_slow_per_h, w_fast, w_slow, y0_0 .. y0_{n_pk+1}
 * The header line is checked against that order. */
#ifndef TAPERLAB_BENCH_PEERS_PEER_IO_H
#define TAPERLAB_BENCH_PEERS_PEER_IO_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peer_model.h"

static void peer_die(const char* what, const char* detail) {
  fprintf(stderr, "bench/peers: %s%s%s\n", what, detail ? " " : "", detail ? detail : "");
  exit(2);
}

/* The expected header for a chain of n_pk states. */
static void peer_header(int n_pk, char* out, size_t size) {
  size_t used = 0;
  int s;
#define PEER_PUT(...) used += (size_t)snprintf(out + used, size - used, __VA_ARGS__)
  PEER_PUT("person,n_pk,F,ka,lag_h");
  for (s = 1; s < n_pk; ++s) PEER_PUT(",cl_%d,v_%d,w_%d", s, s, s);
  for (s = 2; s < n_pk; ++s) PEER_PUT(",precursor_%d,fm_%d", s, s);
  PEER_PUT(",u50,hill,k_fast_per_h,k_slow_per_h,w_fast,w_slow");
  for (s = 0; s < n_pk + 2; ++s) PEER_PUT(",y0_%d", s);
#undef PEER_PUT
}

/* Reads every person; *count gets their number. lag is the same for everyone (checked). */
static PeerPerson* peer_read_people(const char* path, int* count, double* lag_h) {
  FILE* f = fopen(path, "r");
  static char line[1 << 16], header[1 << 16], expected[1 << 16];
  double values[128];
  PeerPerson* people = NULL;
  int n = 0, capacity = 0;
  if (!f) peer_die("cannot read", path);
  if (!fgets(header, sizeof header, f)) peer_die("empty file", path);
  header[strcspn(header, "\r\n")] = 0;
  while (fgets(line, sizeof line, f)) {
    PeerPerson p;
    char* c = line;
    int s;
    double lag;
    if (strlen(line) < 3) continue;
    strtol(c, &c, 10); /* person */
    for (s = 0; s < (int)(sizeof values / sizeof *values) && *c == ','; ++s) {
      values[s] = strtod(c + 1, &c);
    }
    if (!peer_unpack(values, &p, &lag)) peer_die("bad n_pk in", path);
    if (n == 0) {
      /* The header is checked once the chain's length is known. */
      peer_header(p.n_pk, expected, sizeof expected);
      if (strcmp(header, expected) != 0) peer_die("unexpected columns in", path);
    }
    if (n == 0) *lag_h = lag;
    if (lag != *lag_h) peer_die("every person must have the same lag in", path);
    if (n == capacity) {
      capacity = capacity ? 2 * capacity : 64;
      people = (PeerPerson*)realloc(people, (size_t)capacity * sizeof *people);
    }
    people[n++] = p;
  }
  fclose(f);
  *count = n;
  return people;
}

typedef struct {
  double t_h;
  double dose_mg;
} PeerDose;

static PeerDose* peer_read_doses(const char* path, int* count) {
  FILE* f = fopen(path, "r");
  char line[256];
  PeerDose* doses = NULL;
  int n = 0, capacity = 0;
  if (!f) peer_die("cannot read", path);
  if (!fgets(line, sizeof line, f)) peer_die("empty file", path);
  while (fgets(line, sizeof line, f)) {
    PeerDose d;
    if (sscanf(line, "%lf,%lf", &d.t_h, &d.dose_mg) != 2) continue;
    if (n == capacity) {
      capacity = capacity ? 2 * capacity : 1024;
      doses = (PeerDose*)realloc(doses, (size_t)capacity * sizeof *doses);
    }
    doses[n++] = d;
  }
  fclose(f);
  *count = n;
  return doses;
}

/* One hourly row of the trajectory files: W, E, R, then C_s = A_s / V_s for s = 1..n_pk-1. */
static inline void peer_row(const PeerPerson* p, const double* y, double* row) {
  const int n = p->n_pk;
  const double e = peer_effect(p, peer_drive(p, y));
  const double t = y[n] + y[n + 1];
  int s;
  row[0] = t > e ? t - e : 0.0;
  row[1] = e;
  row[2] = p->t_start > 0 ? t / p->t_start : 0.0;
  for (s = 1; s < n; ++s) row[2 + s] = y[s] / p->v[s];
}

#endif
