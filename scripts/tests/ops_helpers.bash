# Shared setup of the on-call script tests: cloud CLIs replaced by recording shims (shims/), a live-state
# fixture built from the offline plan's URNs, and helpers to compare the exact call sequence.

ops_setup() {
  cd "$BATS_TEST_DIRNAME/../.." || return 1
  export PATH="$BATS_TEST_DIRNAME/shims:$PATH"
  export SHIM_LOG="$BATS_TEST_TMPDIR/calls"
  export SHIM_RESPONSES="$BATS_TEST_TMPDIR/responses"
  export SHIM_STATE="$BATS_TEST_TMPDIR/state.json"
  : >"$SHIM_LOG"
  rm -f "$SHIM_LOG.used"
  : >"$SHIM_RESPONSES"
  STACK_SUMS="$(cat Pulumi.*.yaml | cksum)"
}

# ops_teardown: removes the gcp copy of dev a test may have made
ops_teardown() {
  rm -f Pulumi.gdev.yaml build/plan/gdev-gcp.*
}

# gcp_dev_stack: a live-looking gcp stack "gdev" (dev's settings on gcp) with its state, for success paths
# on gcp (the committed stack files say aws, and --cloud is for dry runs only)
gcp_dev_stack() {
  printf 'config:\n  strata:cloud: gcp\n  strata:gcpProject: strata-dev-4711\n' >Pulumi.gdev.yaml
  live_state gdev gcp
}

# respond GLOB OUTPUT [CODE]: the shims answer calls matching GLOB
respond() {
  printf '%s\t%s\t%s\t\n' "$1" "$2" "${3:-0}" >>"$SHIM_RESPONSES"
}

# respond_once GLOB OUTPUT [CODE]: answers the next matching call only (put it before a respond of the same GLOB)
respond_once() {
  printf '%s\t%s\t%s\tonce\n' "$1" "$2" "${3:-0}" >>"$SHIM_RESPONSES"
}

# urn_of PLAN TYPE: the first URN of TYPE in an offline plan
urn_of() {
  grep -o "\"urn\" : \"[^\"]*\\\$$2::[^\"]*\"" "$1" | head -1 | sed 's/^"urn" : "//; s/"$//'
}

# live_state STACK CLOUD: a `pulumi stack export` of the stack, with the outputs the scripts read
live_state() {
  local plan="build/plan/$1-$2.json"
  [ -f "$plan" ] || scripts/plan "$1" --cloud "$2" --quiet >/dev/null
  if [ "$2" = aws ]; then
    cat >"$SHIM_STATE" <<JSON
{"version": 3, "deployment": {"resources": [
  {"urn": "$(urn_of "$plan" aws:eks/nodeGroup:NodeGroup)", "id": "eks-1:ng-1",
   "outputs": {"clusterName": "eks-1", "nodeGroupName": "ng-1"}},
  {"urn": "$(urn_of "$plan" aws:rds/instance:Instance)", "id": "db-1",
   "outputs": {"identifier": "db-1", "dbSubnetGroupName": "subnets-1", "vpcSecurityGroupIds": ["sg-1", "sg-2"]}}]}}
JSON
  else
    cat >"$SHIM_STATE" <<JSON
{"version": 3, "deployment": {"resources": [
  {"urn": "$(urn_of "$plan" gcp:container/nodePool:NodePool)", "id": "pool-1",
   "outputs": {"cluster": "gke-1", "name": "pool-1", "location": "us-central1"}},
  {"urn": "$(urn_of "$plan" gcp:sql/databaseInstance:DatabaseInstance)", "id": "sql-1",
   "outputs": {"name": "sql-1", "databaseVersion": "POSTGRES_16",
               "settings": {"ipConfiguration": {"privateNetwork": "projects/p-1/global/networks/vpc-1", "allocatedIpRange": "range-1"}}}}]}}
JSON
  fi
}

# calls: the recorded calls, with temporary paths and time stamps made stable
calls() {
  sed -E 's#--file [^ ]*/state\.json#--file STATE#; s/[0-9]{8}-[0-9]{6}/STAMP/g' "$SHIM_LOG"
}

# no_calls_and_unchanged: nothing reached a cloud CLI and no stack file changed
no_calls_and_unchanged() {
  [ ! -s "$SHIM_LOG" ] || { echo "unexpected calls:"; cat "$SHIM_LOG"; return 1; }
  [ "$(cat Pulumi.*.yaml | cksum)" = "$STACK_SUMS" ] || { echo "a stack file changed"; return 1; }
}

# same_calls EXPECTED: the recorded calls are exactly EXPECTED (one per line)
same_calls() {
  diff <(printf '%s\n' "$1") <(calls) || { echo "calls differ (< expected, > actual)"; return 1; }
}
