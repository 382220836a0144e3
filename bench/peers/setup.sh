#!/usr/bin/env bash
# Installs what bench/peers/ needs beside taperlab's own packages (scripts/setup): SUNDIALS CVODE
# (C API, headers and libraries) and R with deSolve, plus R's headers and compiler settings so that
# R CMD SHLIB can compile deSolve's derivatives. Debian 12 packages only. Idempotent: safe to run
# again. These stay out of scripts/setup: only this bench needs them.
set -euo pipefail

packages=(
  libsundials-dev  # CVODE 6.4 (Debian 12): cvode/cvode.h, nvector_serial, sunlinsol_dense
  r-base-core      # R and Rscript
  r-base-dev       # R's headers and Makeconf for R CMD SHLIB (compiled derivatives)
  r-cran-desolve   # deSolve 1.34 (lsoda, ode with dllname = ...)
  build-essential pkg-config
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "peers setup: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  # Another apt-get (a second setup script) may hold dpkg's lock: wait for it rather than fail.
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    "${missing[@]}"
else
  echo "peers setup: all packages present"
fi
