/* bench/peers/: the cohort of people.csv through SUNDIALS CVODE (Debian 12: SUNDIALS 6.4, C API),
 * one person after another on one thread, hourly output, as a pharmacometric tool does it: the
 * solver integrates between doses and stops at each dose time, where the dose is added to the gut
 * and the solver is started again (CVodeReInit). Usage:
 *   cvode_peer PEOPLE.csv DOSES.csv DAYS adams|bdf RTOL OUT.f64
 * adams: Adams-Moulton with fixed-point iteration (CVODE's non-stiff setting); bdf: BDF with Newton
 * iteration, a dense linear solver and the analytic Jacobian. Absolute tolerance: RTOL * 1e-3 on
 * every state (amounts in mg, pools in units of the effect; both of order 0.1-100 here).
 * Prints one line: cvode METHOD RTOL PEOPLE DAYS WALL_S CPU_S CPU_US_PER_PERSON_DAY
 * STEPS_PER_PERSON_DAY (the solve alone, one thread); OUT.f64 gets the hourly rows of peer_row
 * (peer_io.h). */
#include <cvode/cvode.h>
#include <math.h>
#include <nvector/nvector_serial.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunnonlinsol/sunnonlinsol_fixedpoint.h>
#include <time.h>

#include "peer_io.h"
#include "peer_model.h"

static int rhs(realtype t, N_Vector y, N_Vector ydot, void* data) {
  (void)t;
  peer_rhs((const PeerPerson*)data, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
  return 0;
}

/* df/dy: the PK block is the constant rate matrix; the pools depend on the drive through dE/du. */
static int jacobian(realtype t, N_Vector yv, N_Vector fy, SUNMatrix j, void* data, N_Vector t1,
                    N_Vector t2, N_Vector t3) {
  const PeerPerson* p = (const PeerPerson*)data;
  const double* y = N_VGetArrayPointer(yv);
  const int n = p->n_pk;
  const double u = peer_drive(p, y);
  double de_du = 0.0;
  int s;
  (void)t, (void)fy, (void)t1, (void)t2, (void)t3;
  SUNMatZero(j);
  if (u > 0.0) {
    if (p->hill == 1.0) {
      de_du = p->u50 / ((p->u50 + u) * (p->u50 + u));
    } else {
      const double un = pow(u, p->hill), kn = pow(p->u50, p->hill);
      de_du = p->hill * un / u * kn / ((kn + un) * (kn + un));
    }
  }
  SM_ELEMENT_D(j, 0, 0) = -p->ka;
  SM_ELEMENT_D(j, 1, 0) = p->ka;
  for (s = 1; s < n; ++s) {
    SM_ELEMENT_D(j, s, s) = -p->cl[s] / p->v[s];
    if (s >= 2)
      SM_ELEMENT_D(j, s, p->precursor[s]) +=
          p->fm[s] * p->cl[p->precursor[s]] / p->v[p->precursor[s]];
    SM_ELEMENT_D(j, n, s) = p->k_fast * p->w_fast * de_du * p->w[s];
    SM_ELEMENT_D(j, n + 1, s) = p->k_slow * p->w_slow * de_du * p->w[s];
  }
  SM_ELEMENT_D(j, n, n) = -p->k_fast;
  SM_ELEMENT_D(j, n + 1, n + 1) = -p->k_slow;
  return 0;
}

static void check(int flag, const char* what) {
  if (flag < 0) {
    fprintf(stderr, "cvode_peer: %s failed (%d)\n", what, flag);
    exit(1);
  }
}

/* CVodeReInit, counting the steps taken since the last one (ReInit sets the count to zero). */
static void reinit(void* mem, double t, N_Vector y, long* total_steps) {
  long steps = 0;
  CVodeGetNumSteps(mem, &steps);
  *total_steps += steps;
  check(CVodeReInit(mem, t, y), "CVodeReInit");
}

/* The solution at `target`, no later than `tstop` (the next dose, or the run's end): from the
 * last step's interpolant when the solver has already passed target, otherwise by stepping on. */
static void advance_to(void* mem, double target, double tstop, N_Vector y, double* t) {
  double tn = 0.0;
  check(CVodeGetCurrentTime(mem, &tn), "CVodeGetCurrentTime");
  if (tn >= target) {
    check(CVodeGetDky(mem, target, 0, y), "CVodeGetDky");
    *t = target;
    return;
  }
  check(CVodeSetStopTime(mem, tstop), "CVodeSetStopTime");
  check(CVode(mem, target, y, t, CV_NORMAL), "CVode");
}

static double clock_s(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char** argv) {
  int people_n, doses_n, i, k, bdf;
  double lag, rtol, seconds, cpu_seconds, begin, cpu_begin;
  long steps = 0, total_steps = 0;
  PeerPerson* people;
  PeerDose* doses;
  int days, rows, columns, neq;
  double* out;
  SUNContext ctx;
  N_Vector y, atol;
  void* mem;
  SUNMatrix a = NULL;
  SUNLinearSolver ls = NULL;
  SUNNonlinearSolver nls = NULL;
  FILE* f;

  if (argc != 7) {
    fprintf(stderr, "usage: cvode_peer PEOPLE.csv DOSES.csv DAYS adams|bdf RTOL OUT.f64\n");
    return 2;
  }
  people = peer_read_people(argv[1], &people_n, &lag);
  doses = peer_read_doses(argv[2], &doses_n);
  days = atoi(argv[3]);
  bdf = strcmp(argv[4], "bdf") == 0;
  if (!bdf && strcmp(argv[4], "adams") != 0) peer_die("method must be adams or bdf, not", argv[4]);
  rtol = atof(argv[5]);
  if (people_n == 0 || days <= 0 || !(rtol > 0)) peer_die("nothing to run", NULL);
  rows = days * 24 + 1;
  neq = people[0].n_pk + 2;
  columns = 2 + people[0].n_pk;
  out = (double*)malloc((size_t)people_n * (size_t)rows * (size_t)columns * sizeof(double));

  check(SUNContext_Create(NULL, &ctx), "SUNContext_Create");
  y = N_VNew_Serial(neq, ctx);
  atol = N_VNew_Serial(neq, ctx);
  N_VConst(rtol * 1e-3, atol);
  memcpy(N_VGetArrayPointer(y), people[0].y0, (size_t)neq * sizeof(double));
  mem = CVodeCreate(bdf ? CV_BDF : CV_ADAMS, ctx);
  check(CVodeInit(mem, rhs, 0.0, y), "CVodeInit");
  check(CVodeSVtolerances(mem, rtol, atol), "CVodeSVtolerances");
  check(CVodeSetMaxNumSteps(mem, 100000), "CVodeSetMaxNumSteps");
  if (bdf) {
    a = SUNDenseMatrix(neq, neq, ctx);
    ls = SUNLinSol_Dense(y, a, ctx);
    check(CVodeSetLinearSolver(mem, ls, a), "CVodeSetLinearSolver");
    check(CVodeSetJacFn(mem, jacobian), "CVodeSetJacFn");
  } else {
    nls = SUNNonlinSol_FixedPoint(y, 0, ctx);
    check(CVodeSetNonlinearSolver(mem, nls), "CVodeSetNonlinearSolver");
  }

  begin = clock_s(CLOCK_MONOTONIC);
  cpu_begin = clock_s(CLOCK_PROCESS_CPUTIME_ID);
  for (i = 0; i < people_n; ++i) {
    PeerPerson* p = &people[i];
    double* yy = N_VGetArrayPointer(y);
    double* row = out + (size_t)i * (size_t)rows * (size_t)columns;
    double t = 0.0;
    int next = 0;
    memcpy(yy, p->y0, (size_t)neq * sizeof(double));
    check(CVodeSetUserData(mem, p), "CVodeSetUserData");
    reinit(mem, 0.0, y, &total_steps);
    /* Row 0 is the state at t = 0, before any dose taken then (as taperlab's rows are). */
    peer_row(p, yy, row);
    k = 1;
    while (next < doses_n && doses[next].t_h + lag < 0.0) ++next;
    while (k < rows) {
      const double tout = (double)k;
      /* After the last dose the run's end is the stop time: CVodeReInit keeps the old one. */
      const double tdose = next < doses_n ? doses[next].t_h + lag : INFINITY;
      const double tstop = next < doses_n ? tdose : (double)(rows - 1);
      if (tdose <= tout) {
        if (tdose > t) advance_to(mem, tdose, tdose, y, &t);
        t = tdose;
        if (tdose == tout) {
          peer_row(p, yy, row + (size_t)k * (size_t)columns);
          ++k;
        }
        while (next < doses_n && doses[next].t_h + lag <= tdose) {
          yy[0] += p->f * doses[next].dose_mg;
          ++next;
        }
        reinit(mem, t, y, &total_steps);
      } else {
        advance_to(mem, tout, tstop, y, &t);
        peer_row(p, yy, row + (size_t)k * (size_t)columns);
        ++k;
      }
    }
  }
  CVodeGetNumSteps(mem, &steps);
  total_steps += steps;
  seconds = clock_s(CLOCK_MONOTONIC) - begin;
  cpu_seconds = clock_s(CLOCK_PROCESS_CPUTIME_ID) - cpu_begin;

  f = fopen(argv[6], "wb");
  if (!f || fwrite(out, sizeof(double), (size_t)people_n * (size_t)rows * (size_t)columns, f) !=
                (size_t)people_n * (size_t)rows * (size_t)columns) {
    peer_die("cannot write", argv[6]);
  }
  fclose(f);
  /* One line for run.sh: tool, method, rtol, people, days, wall s, CPU s, us per person-day of
   * CPU (one thread: per core), steps per person-day. */
  printf("cvode %s %g %d %d %.6f %.6f %.3f %.1f\n", argv[4], rtol, people_n, days, seconds,
         cpu_seconds, cpu_seconds * 1e6 / ((double)people_n * days),
         (double)total_steps / ((double)people_n * days));
  CVodeFree(&mem);
  if (ls) SUNLinSolFree(ls);
  if (a) SUNMatDestroy(a);
  if (nls) SUNNonlinSolFree(nls);
  N_VDestroy(y);
  N_VDestroy(atol);
  SUNContext_Free(&ctx);
  free(out);
  free(people);
  free(doses);
  return 0;
}
