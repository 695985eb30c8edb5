# shellcheck shell=bash
# shellcheck disable=SC2154,SC2034  # fact_* come from load_facts (printf -v); OPS_CLOUD is read by ops.sh
# scripts/stop and scripts/start: node pools to zero and the database stopped, and back. Dev stacks only.
# Pools and the database are found through the offline plan's URNs and the live state, never by guessed names.
# While stopped, a `pulumi up` gives the pools their configured minimum again (the bounds are config); the
# database stays stopped (RDS starts a stopped instance by itself after 7 days: stop again, or delete dev).

power_main() {
  local action="$1"
  shift
  local stack="" positional=()
  while [ $# -gt 0 ]; do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --cloud) [ $# -ge 2 ] || usage_error "--cloud needs a value"; OPS_CLOUD="$2"; shift ;;
      -*) common_flag "$1" || usage_error "unknown option $1" ;;
      *) positional+=("$1") ;;
    esac
    shift
  done
  [ ${#positional[@]} -eq 1 ] || usage_error "expected one stack, got ${#positional[@]} arguments: ${positional[*]:-}"
  stack="${positional[0]}"

  ops_init
  load_facts "$stack"
  if [ "$fact_environment" = prod ]; then
    refuse "$action is for dev stacks; $stack is a prod stack (strata:environment prod) and is never stopped"
  fi
  local cloud="$fact_cloud" plan db_urn rows
  plan="$(ensure_plan "$stack" "$cloud")"
  db_urn="$(db_urn "$plan" "$cloud")"
  rows="$(ops pools "$stack" --cloud "$cloud" --plan "$plan")"
  confirm "$action (node pools and database)"
  stack_export "$stack"

  local db
  if [ "$cloud" = aws ]; then live_into db "$db_urn" identifier; else live_into db "$db_urn" name; fi
  if [ "$action" = stop ]; then
    power_pools "$cloud" stop "$rows"
    power_database "$cloud" stop "$db"
    finished "stopped: $stack's node pools are at 0 and its database is stopped; scripts/start $stack brings them back"
  else
    power_database "$cloud" start "$db"
    power_pools "$cloud" start "$rows"
    power_wait_ready "$stack"
    finished "started: $stack is ready"
  fi
}

# power_pools CLOUD stop|start ROWS: every pool to zero, or back to its configured bounds and size.
power_pools() {
  local cloud="$1" action="$2" _name type pmin pdesired pmax urn selector
  while read -r _name type pmin pdesired pmax urn selector <&3; do
    local lo="$pmin" size="$pdesired"
    if [ "$action" = stop ]; then lo=0; size=0; fi
    if [ "$cloud" = aws ]; then
      local cluster group
      live_into cluster "$urn" clusterName
      live_into group "$urn" nodeGroupName
      run aws eks update-nodegroup-config --cluster-name "$cluster" --nodegroup-name "$group" --region "$fact_region" \
        --scaling-config "minSize=$lo,maxSize=$pmax,desiredSize=$size"
      run aws eks wait nodegroup-active --cluster-name "$cluster" --nodegroup-name "$group" --region "$fact_region"
    else
      local cluster pool zones per_zone=0
      live_into cluster "$urn" cluster
      live_into pool "$urn" name
      run gcloud container clusters update "$cluster" --node-pool "$pool" --enable-autoscaling \
        --total-min-nodes "$lo" --total-max-nodes "$pmax" --region "$fact_region" --project "$fact_gcpProject" --quiet
      if [ "$size" -gt 0 ]; then
        read_into zones "zone-count" gcloud container node-pools describe "$pool" --cluster "$cluster" \
          --region "$fact_region" --project "$fact_gcpProject" --format 'value(locations.len())'
        per_zone="<ceil($size/zone-count)>"
        [[ "$zones" =~ ^[0-9]+$ ]] && per_zone=$(( (size + zones - 1) / zones ))
      fi
      run gcloud container clusters resize "$cluster" --node-pool "$pool" --num-nodes "$per_zone" \
        --region "$fact_region" --project "$fact_gcpProject" --quiet
    fi
    : "$type" "$selector"
  done 3<<<"$3"
}

# power_database CLOUD stop|start ID
power_database() {
  local cloud="$1" action="$2" db="$3"
  if [ "$cloud" = aws ]; then
    run aws rds "$action-db-instance" --db-instance-identifier "$db" --region "$fact_region"
    if [ "$action" = stop ]; then
      # the CLI has no "stopped" waiter; poll the status
      wait_until "database $db stopping" 60 20 stopped aws rds describe-db-instances --db-instance-identifier "$db" \
        --region "$fact_region" --query 'DBInstances[0].DBInstanceStatus' --output text
    else
      run aws rds wait db-instance-available --db-instance-identifier "$db" --region "$fact_region"
    fi
  else
    local policy=NEVER
    [ "$action" = start ] && policy=ALWAYS
    # gcloud waits for the operation; NEVER stops the instance, ALWAYS starts it
    run gcloud sql instances patch "$db" --activation-policy "$policy" --project "$fact_gcpProject" --quiet
  fi
}

# power_wait_ready STACK: Deployments rolled out in the cluster, then readiness over the edge.
power_wait_ready() {
  local url role
  with_kubeconfig "$1"
  for role in api web; do
    run kubectl rollout status "deployment/$role" --namespace "$fact_namespace" --timeout 15m
  done
  read_into url "publicUrl" pulumi stack output publicUrl --stack "$1"
  run curl -fsS --retry 30 --retry-delay 10 --retry-all-errors -o /dev/null "$url/health/ready"
}
