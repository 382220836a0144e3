/* bench/peers/: taperlab's model (peer_model.h) as deSolve's compiled derivatives, built by
 * R CMD SHLIB and loaded by desolve_peer.R. deSolve calls initmod with the parameter vector of each
 * ode() call (one person: the numbers of the person's people.csv row after its first column) and
 * derivs at each evaluation. */
#include <R.h>

#include "peer_model.h"

#define PEER_MAX_PARMS 128
static double parms[PEER_MAX_PARMS];
static PeerPerson person;

void initmod(void (*odeparms)(int*, double*)) {
  int n = PEER_MAX_PARMS;
  double lag_h = 0.0;
  odeparms(&n, parms);
  if (!peer_unpack(parms, &person, &lag_h)) error("bench/peers: bad n_pk in the parameters");
}

void derivs(int* neq, double* t, double* y, double* ydot, double* yout, int* ip) {
  (void)neq, (void)t, (void)yout, (void)ip;
  peer_rhs(&person, y, ydot);
}
