# shellcheck shell=bash
# Shared parts of the on-call scripts (scale, stop, start, backup, restore-drill, chaos):
#   - one validation entry point: the program's own config loader (dev.strata.ops.OpsCommand), never rules in shell;
#   - URNs from the offline plan build/plan/<stack>-<cloud>.json, live names from `pulumi stack export`;
#   - --dry-run prints every command it would run, reads included, and runs none of them (no cloud CLI is
#     called at all); values only the live stack knows are shown as <placeholders>;
#   - exit 2 with a clear message on bad input, before anything is changed;
#   - prod refused without --yes for anything disruptive; dev asks for confirmation unless --yes.

# shellcheck source=scripts/lib/program.sh
source "$(dirname "${BASH_SOURCE[0]}")/program.sh"

OPS_DRY_RUN=0
OPS_YES=0
OPS_CLOUD=""
OPS_WORK=""

# usage_error MESSAGE: the message, the script's usage, exit 2.
usage_error() {
  echo "error: $1" >&2
  usage >&2
  exit 2
}

# refuse MESSAGE: a refused action (exit 2), without the usage text.
refuse() {
  echo "refused: $1" >&2
  exit 2
}

# common_flag ARG: --dry-run or --yes sets its switch (returns 0); anything else returns 1. Scripts parse
# --cloud themselves (it takes a value).
common_flag() {
  case "$1" in
    --dry-run) OPS_DRY_RUN=1 ;;
    --yes) OPS_YES=1 ;;
    *) return 1 ;;
  esac
}

# require_int NAME VALUE: a whole number, else a usage error naming the option.
require_int() {
  [[ "$2" =~ ^[0-9]+$ ]] || usage_error "$1 \"$2\": allowed: a whole number"
}

ops_init() {
  cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
  strata_use_jdk >/dev/null || exit 1
  strata_build_program
  OPS_WORK="$(mktemp -d)"
  trap 'rm -rf "$OPS_WORK"' EXIT
  if [ "$OPS_DRY_RUN" -eq 1 ]; then
    echo "# dry run: the commands below are printed, not run; <...> marks what only the live stack knows" >&2
  fi
}

# ops ARGS...: the Java entry point; exits with its code (2 on bad input) when it fails.
ops() {
  local code=0
  strata_run_main dev.strata.ops.OpsCommand "$@" || code=$?
  [ "$code" -eq 0 ] || exit "$code"
}

# load_facts STACK: validates the stack (with --cloud, if given) and sets fact_<key> for every key=value.
load_facts() {
  local line key
  local -a args=(stack "$1")
  [ -z "$OPS_CLOUD" ] || args+=(--cloud "$OPS_CLOUD")
  local out
  out="$(ops "${args[@]}")" || exit $?
  while IFS= read -r line; do
    key="${line%%=*}"
    printf -v "fact_$key" '%s' "${line#*=}"
  done <<<"$out"
  # --cloud re-plans a stack on the other cloud; on a live stack it would act on resources that do not exist
  if [ -n "$OPS_CLOUD" ] && [ "$OPS_DRY_RUN" -eq 0 ]; then
    local actual
    actual="$(OPS_CLOUD='' ops stack "$1" | sed -n 's/^cloud=//p')" || exit $?
    [ "$actual" = "$OPS_CLOUD" ] || usage_error "--cloud $OPS_CLOUD differs from the stack file's cloud $actual; --cloud is for --dry-run only"
  fi
}

# ensure_plan STACK CLOUD: the offline plan build/plan/<stack>-<cloud>.json, re-planned when older than its inputs.
ensure_plan() {
  local file="build/plan/$1-$2.json"
  if [ ! -f "$file" ] || [ -n "$(find Pulumi.yaml "Pulumi.$1.yaml" target/.program-built -newer "$file" -print -quit)" ]; then
    scripts/plan "$1" --cloud "$2" --quiet >&2 || exit $?
  fi
  echo "$file"
}

# show CMD...: prints a command exactly, shell-quoted, as it is (or would be) run.
show() {
  local out="+" a
  for a in "$@"; do
    # placeholders (<...>) print as they are: they stand for a value, not for shell syntax
    if [[ "$a" =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]] || [[ "$a" =~ ^\<[^[:space:]]+\>$ ]]; then out+=" $a"
    elif [[ "$a" != *"'"* ]]; then out+=" '$a'"
    else out+=" $(printf '%q' "$a")"; fi
  done
  echo "$out" >&2
}

# run CMD...: a command that changes something; printed, and run unless --dry-run.
run() {
  show "$@"
  [ "$OPS_DRY_RUN" -eq 1 ] || "$@"
}

# read_into VAR PLACEHOLDER CMD...: a read-only lookup. Printed; run unless --dry-run, where VAR gets <PLACEHOLDER>.
read_into() {
  local var="$1" placeholder="$2"
  shift 2
  show "$@"
  if [ "$OPS_DRY_RUN" -eq 1 ]; then
    # one <placeholder> per word, so a multi-column answer splits like the real one
    local w words=()
    for w in $placeholder; do words+=("<$w>"); done
    printf -v "$var" '%s' "${words[*]}"
  else
    local value
    value="$("$@")" || { echo "error: lookup failed: $*" >&2; exit 1; }
    printf -v "$var" '%s' "$value"
  fi
}

# confirm WHAT: prod needs --yes; dev asks on a terminal, and needs --yes when there is none.
confirm() {
  [ "$OPS_YES" -eq 1 ] && return 0
  if [ "$OPS_DRY_RUN" -eq 1 ]; then
    [ "${fact_environment:-}" != prod ] || echo "# note: on prod the real run needs --yes" >&2
    return 0
  fi
  if [ "${fact_environment:-}" = prod ]; then
    refuse "$1 on prod stack ${fact_stack:-} needs --yes"
  fi
  [ -t 0 ] || refuse "$1 needs --yes when not run from a terminal"
  local answer
  read -r -p "$1 on stack ${fact_stack:-}? [y/N] " answer
  [[ "$answer" =~ ^[yY] ]] || refuse "not confirmed"
}

# stack_export STACK: the live checkpoint (read-only) into $OPS_WORK/state.json; prints its path.
stack_export() {
  show pulumi stack export --stack "$1" --file "$OPS_WORK/state.json"
  if [ "$OPS_DRY_RUN" -eq 0 ]; then
    pulumi stack export --stack "$1" --file "$OPS_WORK/state.json" >&2 || { echo "error: cannot read the stack's state" >&2; exit 1; }
  fi
}

# live_into VAR URN OUTPUT: an output of a deployed resource, from the export (a placeholder in a dry run).
live_into() {
  if [ "$OPS_DRY_RUN" -eq 1 ]; then
    printf -v "$1" '%s' "<$3:${2##*::}>"
  else
    local value
    value="$(ops state "$OPS_WORK/state.json" "$2" "$3")" || exit $?
    printf -v "$1" '%s' "$value"
  fi
}

# with_kubeconfig STACK: the cluster's kubeconfig from the stack output, in a private temporary file.
with_kubeconfig() {
  export KUBECONFIG="$OPS_WORK/kubeconfig"
  echo "+ pulumi stack output kubeconfig --stack $1 --show-secrets > $KUBECONFIG  # (umask 077)" >&2
  if [ "$OPS_DRY_RUN" -eq 0 ]; then
    (umask 077; pulumi stack output kubeconfig --stack "$1" --show-secrets >"$KUBECONFIG") || { echo "error: no kubeconfig output" >&2; exit 1; }
  fi
}

# wait_until DESCRIPTION TRIES DELAY EXPECTED CMD...: polls a read-only command until it prints EXPECTED.
wait_until() {
  local what="$1" tries="$2" delay="$3" expected="$4" got=""
  shift 4
  show "$@" "  # until it prints $expected"
  [ "$OPS_DRY_RUN" -eq 1 ] && return 0
  for _ in $(seq 1 "$tries"); do
    got="$("$@" 2>/dev/null || true)"
    [ "$got" = "$expected" ] && return 0
    sleep "$delay"
  done
  echo "error: $what: still '$got' after $((tries * delay)) s" >&2
  exit 1
}

# counter_into VAR STACK: the counter's current value, read over the edge (GET /api/counter, never cached).
counter_into() {
  local url body
  read_into url "publicUrl" pulumi stack output publicUrl --stack "$2"
  read_into body "counter" curl -fsS --max-time 20 "$url/api/counter"
  if [ "$OPS_DRY_RUN" -eq 1 ]; then
    printf -v "$1" '%s' "<counter>"
  else
    [[ "$body" =~ \"counter\":[[:space:]]*([0-9]+) ]] || { echo "error: $url/api/counter answered '$body', not {\"counter\": N}" >&2; exit 1; }
    printf -v "$1" '%s' "${BASH_REMATCH[1]}"
  fi
}

# db_urn PLAN CLOUD: the URN of the stack's database instance in the offline plan.
db_urn() {
  if [ "$2" = aws ]; then ops urn "$1" "aws:rds/instance:Instance"; else ops urn "$1" "gcp:sql/databaseInstance:DatabaseInstance"; fi
}

# finished MESSAGE: the outcome, or in a dry run that nothing was done.
finished() {
  if [ "$OPS_DRY_RUN" -eq 1 ]; then echo "# dry run: nothing was changed" >&2; else echo "$1"; fi
}

# stamp: a UTC time stamp for names of backups and drill instances.
stamp() {
  date -u +%Y%m%d-%H%M%S
}
