/* taperlab's model (docs/model.md sections 1-3) as an ordinary ODE right-hand side, for the peer
 * solvers of bench/peers/: SUNDIALS CVODE (cvode_peer.c) and R's deSolve with compiled
 * derivatives (desolve_model.c, through R CMD SHLIB). Plain C so that both can include it.
 *
 * State y: [gut, parent, metabolites..., T_fast, T_slow], n_pk = 2 + metabolites PK states.
 *   dA_gut/dt = -ka A_gut                  (a dose D adds F*D to A_gut: an event, not in here)
 *   dA_1/dt   =  ka A_gut - (CL_1/V_1) A_1
 *   dA_s/dt   =  fm_s (CL_p/V_p) A_p - (CL_s/V_s) A_s      p = the precursor of s
 *   u = sum_s w_s A_s,  E = u^n / (u50^n + u^n)
 *   dT_fast/dt = k_fast (w_fast E - T_fast),  dT_slow/dt = k_slow (w_slow E - T_slow)
 *   W = max(0, T_fast + T_slow - E),  R = (T_fast + T_slow) / T(0)
 * The pools see E(t) itself: this is the model's ODE, not taperlab's hourly discretisation of it
 * (simulation.cpp takes E linear over each output step). */
#ifndef TAPERLAB_BENCH_PEERS_PEER_MODEL_H
#define TAPERLAB_BENCH_PEERS_PEER_MODEL_H

#include <math.h>
#include <string.h>

#define PEER_MAX_PK 7

typedef struct {
  int n_pk;                   /* PK states: gut, parent, metabolites */
  double f;                   /* bioavailability */
  double ka;                  /* 1/h */
  double cl[PEER_MAX_PK];     /* L/h per state (gut: 0) */
  double v[PEER_MAX_PK];      /* L per state (gut: 0) */
  double fm[PEER_MAX_PK];     /* fraction of the precursor's elimination forming state s (s >= 2) */
  int precursor[PEER_MAX_PK]; /* the state s is formed from (s >= 2) */
  double w[PEER_MAX_PK];      /* drive per mg in state s */
  double u50, hill;
  double k_fast, k_slow; /* 1/h */
  double w_fast, w_slow;
  double y0[PEER_MAX_PK + 2]; /* the state at t = 0 (the regimen's steady state) */
  double t_start;             /* T_fast + T_slow at t = 0 */
} PeerPerson;

static inline double peer_effect(const PeerPerson* p, double u) {
  if (u <= 0.0) return 0.0;
  if (p->hill == 1.0) return u / (p->u50 + u);
  {
    const double un = pow(u, p->hill);
    return un / (pow(p->u50, p->hill) + un);
  }
}

static inline double peer_drive(const PeerPerson* p, const double* y) {
  double u = 0.0;
  int s;
  for (s = 1; s < p->n_pk; ++s) u += p->w[s] * y[s];
  return u;
}

static inline void peer_rhs(const PeerPerson* p, const double* y, double* dy) {
  const int n = p->n_pk;
  double e;
  int s;
  dy[0] = -p->ka * y[0];
  dy[1] = p->ka * y[0] - p->cl[1] / p->v[1] * y[1];
  for (s = 2; s < n; ++s) {
    const int q = p->precursor[s];
    dy[s] = p->fm[s] * p->cl[q] / p->v[q] * y[q] - p->cl[s] / p->v[s] * y[s];
  }
  e = peer_effect(p, peer_drive(p, y));
  dy[n] = p->k_fast * (p->w_fast * e - y[n]);
  dy[n + 1] = p->k_slow * (p->w_slow * e - y[n + 1]);
}

/* A person from the numbers of one people.csv row after its first column (the person's number):
 *   n_pk, F, ka, lag_h, (cl_s, v_s, w_s for s = 1..n_pk-1), (precursor_s, fm_s for
 *   s = 2..n_pk-1), u50, hill, k_fast_per_h, k_slow_per_h, w_fast, w_slow, y0_0 .. y0_{n_pk+1}
 * Returns how many numbers it read, or 0 when n_pk is out of range. */
static inline int peer_unpack(const double* v, PeerPerson* p, double* lag_h) {
  int i = 0, s;
  memset(p, 0, sizeof *p);
  p->n_pk = (int)v[i++];
  if (p->n_pk < 2 || p->n_pk > PEER_MAX_PK) return 0;
  p->f = v[i++];
  p->ka = v[i++];
  *lag_h = v[i++];
  for (s = 1; s < p->n_pk; ++s) {
    p->cl[s] = v[i++];
    p->v[s] = v[i++];
    p->w[s] = v[i++];
  }
  for (s = 2; s < p->n_pk; ++s) {
    p->precursor[s] = (int)v[i++];
    p->fm[s] = v[i++];
  }
  p->u50 = v[i++];
  p->hill = v[i++];
  p->k_fast = v[i++];
  p->k_slow = v[i++];
  p->w_fast = v[i++];
  p->w_slow = v[i++];
  for (s = 0; s < p->n_pk + 2; ++s) p->y0[s] = v[i++];
  p->t_start = p->y0[p->n_pk] + p->y0[p->n_pk + 1];
  return i;
}

#endif
