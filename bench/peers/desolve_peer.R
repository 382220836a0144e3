# bench/peers/: the cohort of people.csv through R's deSolve with compiled derivatives
# (desolve_model.c, built with R CMD SHLIB), one person after another, hourly output. Doses are
# deSolve events (method "add" on the gut): the solver stops at each dose time, adds it and starts
# again, as pharmacometric tools do. Usage:
#   Rscript desolve_peer.R PEOPLE.csv DOSES.csv DAYS METHOD RTOL MODEL.so OUT.f64
# METHOD: a deSolve method (lsoda, its default, switches between Adams and BDF itself).
# Absolute tolerance RTOL * 1e-3 on every state, as for CVODE. The time reported is that of the
# ode() calls alone (wall and CPU); the hourly rows (W, E, R, concentrations) are computed
# afterwards.
suppressPackageStartupMessages(library(deSolve))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 7) {
  stop("usage: Rscript desolve_peer.R PEOPLE.csv DOSES.csv DAYS METHOD RTOL MODEL.so OUT.f64")
}
people <- as.matrix(read.csv(args[1]))
doses <- read.csv(args[2])
days <- as.integer(args[3])
method <- args[4]
rtol <- as.numeric(args[5])
model <- args[6]
dyn.load(model)
dll <- sub("\\.so$", "", basename(model))

max_parms <- 128  # PEER_MAX_PARMS in desolve_model.c: deSolve checks the length
times <- seq(0, days * 24)
rows <- length(times)
n_pk <- people[1, "n_pk"]
neq <- n_pk + 2
columns <- 2 + n_pk
out <- numeric(nrow(people) * rows * columns)
seconds <- 0
cpu_seconds <- 0

for (i in seq_len(nrow(people))) {
  p <- people[i, ]
  parms <- numeric(max_parms)
  parms[seq_len(length(p) - 1)] <- p[-1]
  y0 <- setNames(unname(p[paste0("y0_", 0:(neq - 1))]),
                 c("gut", paste0("a", 1:(n_pk - 1)), "t_fast", "t_slow"))
  enter <- doses$t_h + p[["lag_h"]]
  keep <- enter >= 0 & enter < days * 24
  events <- data.frame(var = 1L, time = enter[keep], value = p[["F"]] * doses$dose_mg[keep],
                       method = "add")
  start <- proc.time()
  y <- ode(y = y0, times = times, func = "derivs", parms = parms, dllname = dll,
           initfunc = "initmod", method = method, rtol = rtol, atol = rtol * 1e-3,
           events = list(data = events), maxsteps = 100000)
  used <- proc.time() - start
  seconds <- seconds + used[["elapsed"]]
  cpu_seconds <- cpu_seconds + used[["user.self"]] + used[["sys.self"]]
  if (nrow(y) != rows) stop("deSolve returned ", nrow(y), " rows, not ", rows)

  # The hourly rows, as peer_row (peer_io.h) computes them for CVODE.
  a <- y[, 2:(neq + 1), drop = FALSE]
  w <- unname(p[paste0("w_", 1:(n_pk - 1))])
  u <- drop(a[, 2:n_pk, drop = FALSE] %*% w)
  u50 <- p[["u50"]]
  hill <- p[["hill"]]
  e <- ifelse(u > 0, u^hill / (u50^hill + u^hill), 0)
  tt <- a[, n_pk + 1] + a[, n_pk + 2]
  t_start <- y0[n_pk + 1] + y0[n_pk + 2]
  conc <- sweep(a[, 2:n_pk, drop = FALSE], 2, unname(p[paste0("v_", 1:(n_pk - 1))]), "/")
  block <- cbind(pmax(tt - e, 0), e, if (t_start > 0) tt / t_start else 0 * tt, conc)
  first <- (i - 1) * rows * columns
  out[first + seq_len(rows * columns)] <- as.vector(t(block))
}

writeBin(out, args[7], size = 8, endian = "little")
person_days <- nrow(people) * days
# One line for run.sh, as cvode_peer prints it: tool, method, rtol, people, days, wall s, CPU s,
# us per person-day of CPU (one thread: per core), steps per person-day (NA: deSolve restarts at
# each event and reports the last segment's count only).
cat(sprintf("desolve %s %g %d %d %.6f %.6f %.3f NA\n", method, rtol, nrow(people), days, seconds,
            cpu_seconds, cpu_seconds * 1e6 / person_days))
