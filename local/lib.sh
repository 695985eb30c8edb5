# shellcheck shell=bash
# Shared by scripts/local-* and local/images/build: the container engine and compose command, and the
# project name. Podman (with podman-compose) is used when present, with this directory's containers.conf
# (runc, no raised default ulimits, cgroupfs, file events); otherwise Docker with its compose plugin.

STRATA_LOCAL_PROJECT="${STRATA_LOCAL_PROJECT:-strata-local}"
STRATA_LOCAL_STATE="${STRATA_LOCAL_STATE:-build/local}"

# shellcheck disable=SC2034  # ENGINE and COMPOSE are read by the scripts that source this file
strata_local_engine() {
  # sets ENGINE (array) and COMPOSE (array); fails with a clear message when neither runtime is usable
  if command -v podman >/dev/null 2>&1 && command -v podman-compose >/dev/null 2>&1; then
    export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/local/containers.conf}"
    ENGINE=(podman)
    COMPOSE=(podman-compose -p "$STRATA_LOCAL_PROJECT" -f compose.yaml)
  elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    ENGINE=(docker)
    COMPOSE=(docker compose -p "$STRATA_LOCAL_PROJECT" -f compose.yaml)
  else
    echo "error: no container runtime: install podman and podman-compose (scripts/setup --local) or Docker with compose" >&2
    return 1
  fi
}

strata_local_works() {
  # succeeds when the engine can actually run a container here (not just when it is installed)
  strata_local_engine 2>/dev/null || return 1
  "${ENGINE[@]}" info >/dev/null 2>&1
}

strata_local_containers() {
  # prints the project's containers (name) of one service ($1), or of all (*)
  local filter=(--filter "label=com.docker.compose.project=$STRATA_LOCAL_PROJECT")
  [ "$1" = "*" ] || filter+=(--filter "label=com.docker.compose.service=$1")
  "${ENGINE[@]}" ps -a "${filter[@]}" --format '{{.Names}}' | sort
}

strata_wait() {
  # strata_wait <timeout-seconds> <what> <command...>: runs the command every second until it succeeds
  local timeout="$1" what="$2" start=$SECONDS
  shift 2
  until "$@" >/dev/null 2>&1; do
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      echo "error: timed out after ${timeout} s waiting for $what" >&2
      return 1
    fi
    sleep 1
  done
}

strata_local_env() {
  # exports what compose.yaml reads: the generated database password (build/local/db-password, 0600,
  # made once) and the published ports
  mkdir -p "$STRATA_LOCAL_STATE"
  local pwfile="$STRATA_LOCAL_STATE/db-password"
  if [ ! -s "$pwfile" ]; then
    (umask 077 && openssl rand -hex 24 >"$pwfile")
  fi
  STRATA_DB_PASSWORD="$(cat "$pwfile")"
  export STRATA_DB_PASSWORD
  export STRATA_HTTP_PORT="${STRATA_HTTP_PORT:-18080}" STRATA_HTTPS_PORT="${STRATA_HTTPS_PORT:-18443}"
}

strata_http_get() {
  # strata_http_get <container> <port> <path>: an HTTP/1.0 GET from inside the container (bash /dev/tcp,
  # the images have no HTTP client); prints the response (status line, headers, body)
  # shellcheck disable=SC2016  # expanded by the container's bash
  "${ENGINE[@]}" exec "$1" bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n" "$2" >&3 && cat <&3' _ "$2" "$3"
}

strata_healthy() {
  # succeeds when the container's health check passes now (podman runs it on demand: there is no
  # systemd timer to run it by itself here; Docker runs it on its own and reports the last result)
  if [ "${ENGINE[0]}" = podman ]; then
    podman healthcheck run "$1" >/dev/null 2>&1
  else
    [ "$(docker inspect --format '{{.State.Health.Status}}' "$1" 2>/dev/null)" = healthy ]
  fi
}
