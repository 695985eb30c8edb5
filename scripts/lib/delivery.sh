# shellcheck shell=bash
# Runs one of the delivery tools (delivery/src/<name>.js) with Node, installing the package's pinned
# dependencies on first use. Paths given by the caller stay relative to the caller's directory.

strata_delivery() {
  local name="$1"; shift
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../delivery" && pwd)"
  if [ ! -d "$dir/node_modules" ]; then
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2) || return 2
  fi
  exec node "$dir/src/$name.js" "$@"
}
