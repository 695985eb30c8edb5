#!/usr/bin/env bats
# scripts/smoke against real servers: the counter service itself (java -jar app/target/counter.jar with its
# embedded PostgreSQL), and a small fake edge (fixtures/FakeEdge.java, the JDK's HTTP/HTTPS server with a
# throw-away certificate) that answers correctly or wrong in one named way per port.

setup_file() {
  cd "$BATS_TEST_DIRNAME/../../.." || return 1
  # shellcheck source=scripts/lib/jdk.sh
  source scripts/lib/jdk.sh
  strata_use_jdk
  local dir="$BATS_FILE_TMPDIR"
  if [ ! -f app/target/counter.jar ] || [ -n "$(find app/pom.xml app/src -newer app/target/counter.jar -print -quit)" ]; then
    mvn -q -B -f app/pom.xml package -DskipTests >&2
  fi
  free_port() {
    local p
    while :; do
      p=$((20000 + RANDOM % 30000))
      (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
  }
  export COUNTER_PORT HTTP_REPEAT HTTP_SHAPE HTTP_UNREADY HTTPS_GOOD HTTPS_CACHED HTTPS_NO_HEADERS HTTPS_NO_HSTS
  COUNTER_PORT="$(free_port)"
  PORT="$COUNTER_PORT" METRICS_PORT=0 DATA_DIR="$dir/counter-db" java -jar app/target/counter.jar >"$dir/counter.log" 2>&1 &
  echo "$!" >"$dir/counter.pid"

  # a certificate for localhost, valid 30 days, that the tests trust with --cacert
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 30 \
    -subj /CN=localhost -addext subjectAltName=DNS:localhost 2>/dev/null
  openssl pkcs12 -export -in "$dir/cert.pem" -inkey "$dir/key.pem" -out "$dir/edge.p12" -passout pass:changeit
  HTTP_REPEAT="$(free_port)"; HTTP_SHAPE="$(free_port)"; HTTP_UNREADY="$(free_port)"
  HTTPS_GOOD="$(free_port)"; HTTPS_CACHED="$(free_port)"; HTTPS_NO_HEADERS="$(free_port)"; HTTPS_NO_HSTS="$(free_port)"
  javac -d "$dir/edge" scripts/tests/fixtures/FakeEdge.java
  java -cp "$dir/edge" FakeEdge "$dir/edge.p12" changeit repeat:"$HTTP_REPEAT":http shape:"$HTTP_SHAPE":http \
    unready:"$HTTP_UNREADY":http good:"$HTTPS_GOOD":https cached-api:"$HTTPS_CACHED":https \
    no-headers:"$HTTPS_NO_HEADERS":https no-hsts:"$HTTPS_NO_HSTS":https >"$dir/edge.log" 2>&1 &
  echo "$!" >"$dir/edge.pid"

  for _ in $(seq 1 240); do
    if curl -sf "localhost:$COUNTER_PORT/health/ready" >/dev/null && grep -q ready "$dir/edge.log"; then
      return 0
    fi
    sleep 0.5
  done
  echo "servers did not start:" >&2
  tail -20 "$dir/counter.log" "$dir/edge.log" >&2
  return 1
}

teardown_file() {
  local f
  for f in "$BATS_FILE_TMPDIR/counter.pid" "$BATS_FILE_TMPDIR/edge.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  wait 2>/dev/null || true
}

setup() {
  cd "$BATS_TEST_DIRNAME/../../.." || return 1
  CA="$BATS_FILE_TMPDIR/cert.pem"
}

@test "smoke: passes against a locally started counter (embedded PostgreSQL), edge-only checks skipped" {
  run scripts/smoke "http://localhost:$COUNTER_PORT" --allow-http
  [ "$status" -eq 0 ]
  [[ "$output" == *"PASS  counter-shape"* ]]
  [[ "$output" == *"PASS  counter-increases"* ]]
  [[ "$output" == *"PASS  ready: /health/ready 200"* ]]
  [[ "$output" == *"PASS  security-headers: nosniff, frame policy"* ]]
  [[ "$output" == *"PASS  cache-web: / Cache-Control: public, max-age="* ]]
  [[ "$output" == *"PASS  cache-api"* ]]
  [[ "$output" == *"SKIP  tls-version"* ]]
  [[ "$output" == *"SKIP  hsts"* ]]
}

@test "smoke: fails against a server that answers the same counter twice, naming counter-increases" {
  run scripts/smoke "http://localhost:$HTTP_REPEAT" --allow-http
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL  counter-increases: 7 then 7: not strictly increasing"* ]]
  [[ "$output" == *"smoke FAILED: counter-increases"* ]]
}

@test "smoke: a wrong answer shape and a failing readiness are named" {
  run scripts/smoke "http://localhost:$HTTP_SHAPE" --allow-http
  [ "$status" -eq 1 ]
  [[ "$output" == *"smoke FAILED: counter-shape counter-increases"* ]]
  run scripts/smoke "http://localhost:$HTTP_UNREADY" --allow-http
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL  ready: /health/ready answered 503"* ]]
  [[ "$output" == *"smoke FAILED: ready"* ]]
}

@test "smoke: a correct https edge passes every check: TLS version, certificate, security and cache headers" {
  run scripts/smoke "https://localhost:$HTTPS_GOOD" --cacert "$CA"
  [ "$status" -eq 0 ]
  [[ "$output" == *"PASS  tls-version: TLSv1."[23]* ]]
  [[ "$output" == *"PASS  certificate: verifies for localhost"* ]]
  [[ "$output" == *"PASS  security-headers: nosniff, frame policy"* ]]
  [[ "$output" == *"PASS  hsts: max-age=31536000; includeSubDomains"* ]]
  [[ "$output" != *"SKIP"* ]]
  [[ "$output" != *"WARN"* ]]
}

@test "smoke: an untrusted or soon expiring certificate fails the certificate check" {
  run scripts/smoke "https://localhost:$HTTPS_GOOD"
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL  certificate: does not verify for localhost"* ]]
  run scripts/smoke "https://localhost:$HTTPS_GOOD" --cacert "$CA" --min-cert-days 60
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL  certificate: expires within 60 days"* ]]
  [[ "$output" == *"smoke FAILED: certificate"* ]]
}

@test "smoke: a cacheable /api and missing security headers are named" {
  run scripts/smoke "https://localhost:$HTTPS_CACHED" --cacert "$CA"
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL  cache-api: /api/counter is cacheable: Cache-Control 'public, max-age=60', Age 12"* ]]
  run scripts/smoke "https://localhost:$HTTPS_NO_HEADERS" --cacert "$CA"
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL  security-headers: missing: X-Content-Type-Options: nosniff;X-Frame-Options or CSP frame-ancestors"* ]]
  [[ "$output" == *"FAIL  hsts"* ]]
  [[ "$output" == *"smoke FAILED: security-headers hsts"* ]]
}

@test "smoke: a missing HSTS header fails (both edges add it), naming hsts only" {
  run scripts/smoke "https://localhost:$HTTPS_NO_HSTS" --cacert "$CA"
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL  hsts: no Strict-Transport-Security with max-age >= 180 days"* ]]
  [[ "$output" == *"smoke FAILED: hsts"* ]]
  [[ "$output" != *"FAIL  security-headers"* ]]
  run scripts/smoke "https://localhost:$HTTPS_NO_HSTS" --cacert "$CA" --strict
  [ "$status" -eq 2 ]
}

@test "smoke: bad input exits 2; --dry-run prints the requests and sends none" {
  run scripts/smoke
  [ "$status" -eq 2 ]
  [[ "$output" == *"which URL?"* ]]
  run scripts/smoke "http://localhost:$COUNTER_PORT"
  [ "$status" -eq 2 ]
  [[ "$output" == *"is not https; the edge serves https only (pass --allow-http for a local instance)"* ]]
  run scripts/smoke "https://example.com/api"
  [ "$status" -eq 2 ]
  [[ "$output" == *"allowed: http(s)://host[:port] with no path"* ]]
  run scripts/smoke https://example.com --min-cert-days soon
  [ "$status" -eq 2 ]
  run scripts/smoke https://example.com --cacert /nonexistent
  [ "$status" -eq 2 ]
  before="$(curl -sf "localhost:$COUNTER_PORT/api/counter")"
  run scripts/smoke "http://localhost:$COUNTER_PORT" --allow-http --dry-run
  [ "$status" -eq 0 ]
  [[ "$output" == *"+ curl -sS --max-time 20 -X POST"*"http://localhost:$COUNTER_PORT/api/counter"* ]]
  [ "$(curl -sf "localhost:$COUNTER_PORT/api/counter")" = "$before" ]
}
