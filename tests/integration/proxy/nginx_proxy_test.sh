#!/usr/bin/env bash
# TLS behind a proxy, the way docs/deployment.md sets it up: Debian's nginx ends TLS with a
# self-signed certificate made here and forwards to `taperlab serve --trust-proxy 127.0.0.1`.
# Through it, sign-in gets a Secure cookie and every API answer Strict-Transport-Security; sent
# straight to taperlab from an address it does not trust, a forged X-Forwarded-Proto or Forwarded
# header changes nothing. Runs as any user: nginx gets its own prefix, pid, logs and temp paths in
# a temporary folder and listens on free high ports of 127.0.0.1.
#
#   tests/integration/proxy/nginx_proxy_test.sh PATH/TO/taperlab
#
# Exits 77 (a skip for ctest) only when nginx is not installed; scripts/setup installs it.
set -uo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 PATH/TO/taperlab" >&2
  exit 2
fi
BIN="$1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
CONF_TEMPLATE="$ROOT/tests/integration/proxy/nginx.conf.in"

NGINX="$(command -v nginx || true)"
[[ -z "$NGINX" && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx
if [[ -z "$NGINX" ]]; then
  echo "proxy test skipped: nginx is not installed (scripts/setup installs nginx-light)"
  exit 77
fi
for tool in openssl curl; do
  command -v "$tool" >/dev/null || { echo "proxy test: no $tool (scripts/setup installs it)" >&2; exit 1; }
done
[[ -x "$BIN" ]] || { echo "proxy test: no taperlab binary at $BIN" >&2; exit 1; }

TMP="$(mktemp -d)"
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ $status -ne 0 ]]; then
    for log in "$TMP"/*.log; do
      [[ -f "$log" ]] || continue
      echo "---- $(basename "$log") (last 20 lines) ----" >&2
      tail -n 20 "$log" >&2
    done
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

passed=0
failed=0
check() {  # check "what" COMMAND...: one line per check, a count at the end
  if "${@:2}"; then
    passed=$((passed + 1))
    echo "ok   $1"
  else
    failed=$((failed + 1))
    echo "FAIL $1"
  fi
}

# `taperlab serve` on a free port (it picks it: --port 0), left in $STARTED_PORT.
start_taperlab() {  # NAME ARGS...
  local name="$1" port=""
  shift
  env -u TAPERLAB_TODAY -u TAPERLAB_NOW "$BIN" serve --port 0 --bind 127.0.0.1 \
    --db "$TMP/$name.db" --web "$TMP/web" --quiet "$@" >"$TMP/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    port="$(sed -n 's|^taperlab is running at http://127.0.0.1:\([0-9]*\)/$|\1|p' "$TMP/$name.log" 2>/dev/null)"
    [[ -n "$port" ]] && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$port" ]] || { echo "proxy test: $name did not start" >&2; exit 1; }
  STARTED_PORT="$port"
}

# A port of 127.0.0.1 nothing listens on (nginx is retried on another if it loses a race).
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

mkdir -p "$TMP/web"
echo '<!doctype html><title>taperlab</title>' >"$TMP/web/index.html"

# The certificate: self-signed for 127.0.0.1 and localhost, which curl checks (no -k).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$TMP/key.pem" -out "$TMP/cert.pem" >"$TMP/openssl.log" 2>&1 ||
  { echo "proxy test: openssl could not make a certificate" >&2; exit 1; }

# Server A trusts the proxy on 127.0.0.1; server B trusts only an address nothing here has.
start_taperlab a --trust-proxy 127.0.0.1
PORT_A="$STARTED_PORT"
start_taperlab b --trust-proxy 192.0.2.1
PORT_B="$STARTED_PORT"

# nginx: as root it would hand its workers to `nobody`, who cannot enter the temporary folder.
USER_LINE=""
if [[ $(id -u) -eq 0 ]]; then USER_LINE="user root root;"; fi
HTTPS_PORT=""
for _ in 1 2 3 4 5; do
  HTTPS_PORT="$(free_port)"
  FORWARDED_PORT="$(free_port)"
  HTTP_PORT="$(free_port)"
  sed -e "s|@TMP@|$TMP|g" -e "s|@USER_LINE@|$USER_LINE|" -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" \
    -e "s|@FORWARDED_PORT@|$FORWARDED_PORT|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
    -e "s|@UPSTREAM_PORT@|$PORT_A|g" "$CONF_TEMPLATE" >"$TMP/nginx.conf"
  "$NGINX" -p "$TMP" -c "$TMP/nginx.conf" -e "$TMP/nginx-error.log" >"$TMP/nginx.log" 2>&1 &
  NGINX_PID=$!
  up=""
  for _ in $(seq 1 50); do
    if curl -fsS --cacert "$TMP/cert.pem" -o /dev/null "https://127.0.0.1:$HTTPS_PORT/api/v1/health" 2>/dev/null; then
      up=1
      break
    fi
    kill -0 "$NGINX_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -n "$up" ]]; then
    PIDS+=("$NGINX_PID")
    break
  fi
  kill -TERM "$NGINX_PID" 2>/dev/null
  wait "$NGINX_PID" 2>/dev/null
  HTTPS_PORT=""
done
[[ -n "$HTTPS_PORT" ]] || { echo "proxy test: nginx did not start" >&2; cat "$TMP/nginx.log" "$TMP/nginx-error.log" >&2; exit 1; }

# One request: status in $TMP/status, headers (CR removed) in $TMP/headers, body in $TMP/body.
request() {  # URL CURL_ARGS...
  local url="$1"
  shift
  curl -sS --cacert "$TMP/cert.pem" -D "$TMP/headers.raw" -o "$TMP/body" -w '%{http_code}' \
    "$@" "$url" >"$TMP/status" 2>"$TMP/curl.log" || echo 000 >"$TMP/status"
  tr -d '\r' <"$TMP/headers.raw" >"$TMP/headers"
}
json_post() {  # URL JSON CURL_ARGS...
  local url="$1" body="$2"
  shift 2
  request "$url" -X POST -H 'Content-Type: application/json' --data "$body" "$@"
}
status_is() { [[ "$(cat "$TMP/status")" =~ ^($1)$ ]]; }
has_header() { grep -qiE "^$1" "$TMP/headers"; }
lacks_header() { ! grep -qiE "^$1" "$TMP/headers"; }
session_cookie() { grep -iE '^set-cookie: taperlab_session=' "$TMP/headers"; }
cookie_secure() { session_cookie | grep -qE '; Secure(;|$)'; }
cookie_not_secure() { session_cookie >/dev/null && ! session_cookie | grep -qiE '; Secure(;|$)'; }
HSTS='strict-transport-security: max-age=31536000$'
PASSWORD="correct-horse-battery"

# Signs up EMAIL at BASE (with CURL_ARGS) and signs in: the sign-in's answer is left in $TMP.
sign_up_and_in() {  # BASE EMAIL CURL_ARGS...
  local base="$1" email="$2"
  shift 2
  json_post "$base/api/v1/auth/signup" "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" "$@"
  status_is '201|202' || { echo "sign-up answered $(cat "$TMP/status"): $(cat "$TMP/body")"; return 1; }
  json_post "$base/api/v1/auth/signin" "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" "$@"
  status_is 200 || { echo "sign-in answered $(cat "$TMP/status"): $(cat "$TMP/body")"; return 1; }
}

echo "nginx on https://127.0.0.1:$HTTPS_PORT -> taperlab on 127.0.0.1:$PORT_A (--trust-proxy 127.0.0.1)"
VIA_NGINX="https://127.0.0.1:$HTTPS_PORT"

request "$VIA_NGINX/api/v1/health"
check "GET health over https through nginx: 200" status_is 200
check "  with Strict-Transport-Security" has_header "$HSTS"

check "sign-up and sign-in over https through nginx" sign_up_and_in "$VIA_NGINX" "tls@example.org"
check "  the session cookie is Secure" cookie_secure
check "  and HttpOnly, SameSite=Strict" eval 'session_cookie | grep -q "; HttpOnly; SameSite=Strict"'
check "  with Strict-Transport-Security" has_header "$HSTS"
COOKIE="$(session_cookie | sed -E 's/^[^:]*: ([^;]*);.*/\1/')"
CSRF="$(sed -nE 's/.*"csrf_token":"([^"]*)".*/\1/p' "$TMP/body")"

request "$VIA_NGINX/api/v1/auth/session" -H "Cookie: $COOKIE"
check "the Secure cookie signs the next request in: 200" status_is 200
request "$VIA_NGINX/api/v1/auth/signout" -X POST -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF"
check "sign-out: 204" status_is 204
check "  the cleared cookie is Secure too" cookie_secure

request "http://127.0.0.1:$HTTP_PORT/api/v1/health"
check "plain http to nginx is sent to https: 301" status_is 301
check "  to the https address" has_header "location: https://"

# nginx holds bodies to taperlab's limits: 1 MiB, 32 MiB for an import.
head -c $((2 << 20)) /dev/zero | tr '\0' 'a' >"$TMP/big.json"
json_post "$VIA_NGINX/api/v1/auth/signin" "@$TMP/big.json"
check "a 2 MiB sign-in: 413 from nginx (client_max_body_size 1m)" status_is 413
json_post "$VIA_NGINX/api/v1/people/1/import" "@$TMP/big.json"
check "a 2 MiB import reaches taperlab: 401 without a session" status_is 401
head -c $((33 << 20)) /dev/zero | tr '\0' 'a' >"$TMP/big.json"
json_post "$VIA_NGINX/api/v1/people/1/import" "@$TMP/big.json"
check "a 33 MiB import: 413 from nginx (client_max_body_size 32m there)" status_is 413

echo "nginx with Forwarded (RFC 7239) on https://127.0.0.1:$FORWARDED_PORT"
check "sign-up and sign-in through nginx sending Forwarded: for=...;proto=https" \
  sign_up_and_in "https://127.0.0.1:$FORWARDED_PORT" "rfc7239@example.org"
check "  the session cookie is Secure" cookie_secure
check "  with Strict-Transport-Security" has_header "$HSTS"

FORGED=(-H "X-Forwarded-Proto: https" -H "X-Forwarded-For: 198.51.100.1")
FORGED_RFC=(-H "Forwarded: for=198.51.100.1;proto=https")

echo "straight to taperlab A from 127.0.0.2, which it does not trust"
check "sign-up and sign-in with a forged X-Forwarded-Proto: https" \
  sign_up_and_in "http://127.0.0.1:$PORT_A" "forged-a@example.org" --interface 127.0.0.2 "${FORGED[@]}"
check "  the session cookie is not Secure" cookie_not_secure
check "  no Strict-Transport-Security" lacks_header "strict-transport-security"
json_post "http://127.0.0.1:$PORT_A/api/v1/auth/signin" \
  "{\"email\":\"forged-a@example.org\",\"password\":\"$PASSWORD\"}" --interface 127.0.0.2 "${FORGED_RFC[@]}"
check "sign-in with a forged Forwarded: proto=https: 200" status_is 200
check "  the session cookie is not Secure" cookie_not_secure
check "  no Strict-Transport-Security" lacks_header "strict-transport-security"

echo "straight to taperlab B (--trust-proxy 192.0.2.1) from 127.0.0.1"
check "sign-up and sign-in with forged X-Forwarded-Proto and Forwarded headers" \
  sign_up_and_in "http://127.0.0.1:$PORT_B" "forged-b@example.org" "${FORGED[@]}" "${FORGED_RFC[@]}"
check "  the session cookie is not Secure" cookie_not_secure
check "  no Strict-Transport-Security" lacks_header "strict-transport-security"

echo "straight to taperlab A from 127.0.0.1, the trusted proxy's address"
json_post "http://127.0.0.1:$PORT_A/api/v1/auth/signin" \
  "{\"email\":\"forged-a@example.org\",\"password\":\"$PASSWORD\"}" -H "X-Forwarded-Proto: https"
check "sign-in with X-Forwarded-Proto: https is believed: Secure cookie" cookie_secure
request "http://127.0.0.1:$PORT_A/api/v1/health"
check "  and without it, plain http: no Strict-Transport-Security" lacks_header "strict-transport-security"

echo "proxy: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
