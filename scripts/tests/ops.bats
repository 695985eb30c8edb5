#!/usr/bin/env bats
# scripts/stop, start, backup, restore-drill and chaos against recording shims of pulumi/aws/gcloud/kubectl/curl:
# the exact call sequence on success, dry runs of every stack x cloud that call nothing, refusals and bad input
# that exit 2 and call nothing.

load ops_helpers

setup() {
  ops_setup
}

teardown() {
  ops_teardown
}

@test "every on-call script: --help prints its usage and exits 0, an unknown option exits 2, neither calls anything" {
  for script in scale stop start backup restore-drill smoke chaos; do
    run scripts/$script --help
    [ "$status" -eq 0 ] || { echo "$script --help exited $status"; return 1; }
    [[ "$output" == "usage: scripts/$script "* ]] || { echo "$script: $output"; return 1; }
    [[ "$output" == *"--dry-run"* ]] || { echo "$script has no --dry-run in its usage"; return 1; }
    run scripts/$script dev --no-such-option
    [ "$status" -eq 2 ] || { echo "$script --no-such-option exited $status"; return 1; }
    [[ "$output" == *"unknown option --no-such-option"* ]]
  done
  no_calls_and_unchanged
}

@test "stop: dev on aws scales every pool to zero, then stops the database and waits until it is stopped" {
  live_state dev aws
  respond "aws rds describe-db-instances *" "stopped"
  run scripts/stop dev --yes
  [ "$status" -eq 0 ]
  same_calls "pulumi stack export --stack dev --file STATE
aws eks update-nodegroup-config --cluster-name eks-1 --nodegroup-name ng-1 --region us-east-1 --scaling-config minSize=0,maxSize=4,desiredSize=0
aws eks wait nodegroup-active --cluster-name eks-1 --nodegroup-name ng-1 --region us-east-1
aws rds stop-db-instance --db-instance-identifier db-1 --region us-east-1
aws rds describe-db-instances --db-instance-identifier db-1 --region us-east-1 --query DBInstances[0].DBInstanceStatus --output text"
  [[ "$output" == *"stopped: dev's node pools are at 0 and its database is stopped"* ]]
}

@test "start: dev on gcp starts the database, restores the pools' bounds and size, waits for rollout and edge readiness" {
  gcp_dev_stack
  respond "gcloud container node-pools describe *" "3"
  respond "pulumi stack output kubeconfig *" "apiVersion: v1"
  respond "pulumi stack output publicUrl *" "https://edge.example.com"
  run scripts/start gdev --yes
  [ "$status" -eq 0 ]
  same_calls "pulumi stack export --stack gdev --file STATE
gcloud sql instances patch sql-1 --activation-policy ALWAYS --project strata-dev-4711 --quiet
gcloud container clusters update gke-1 --node-pool pool-1 --enable-autoscaling --total-min-nodes 1 --total-max-nodes 4 --region us-central1 --project strata-dev-4711 --quiet
gcloud container node-pools describe pool-1 --cluster gke-1 --region us-central1 --project strata-dev-4711 --format value(locations.len())
gcloud container clusters resize gke-1 --node-pool pool-1 --num-nodes 1 --region us-central1 --project strata-dev-4711 --quiet
pulumi stack output kubeconfig --stack gdev --show-secrets
kubectl rollout status deployment/api --namespace strata --timeout 15m
kubectl rollout status deployment/web --namespace strata --timeout 15m
pulumi stack output publicUrl --stack gdev
curl -fsS --retry 30 --retry-delay 10 --retry-all-errors -o /dev/null https://edge.example.com/health/ready"
}

@test "stop/start: refused for prod even with --yes; dev dry runs on both clouds call nothing" {
  for s in stop start; do
    run scripts/$s prod --yes
    [ "$status" -eq 2 ]
    [[ "$output" == *"refused: $s is for dev stacks; prod is a prod stack"* ]]
    for cloud in aws gcp; do
      run scripts/$s dev --dry-run --cloud "$cloud"
      [ "$status" -eq 0 ] || { echo "$s $cloud: $output"; return 1; }
      [[ "$output" == *"# dry run: nothing was changed"* ]]
    done
  done
  no_calls_and_unchanged
}

@test "stop/start: bad input exits 2 and calls nothing" {
  run scripts/stop
  [ "$status" -eq 2 ]
  [[ "$output" == *"expected one stack, got 0 arguments"* ]]
  run scripts/start dev prod
  [ "$status" -eq 2 ]
  run scripts/stop dev --cloud azure --dry-run
  [ "$status" -eq 2 ]
  [[ "$output" == *'--cloud "azure": allowed: aws, gcp'* ]]
  run scripts/stop dev --now
  [ "$status" -eq 2 ]
  [[ "$output" == *"unknown option --now"* ]]
  run scripts/stop dev
  [ "$status" -eq 2 ]
  [[ "$output" == *"needs --yes when not run from a terminal"* ]]
  no_calls_and_unchanged
}

@test "backup: aws records the counter on an RDS snapshot, waits, prints the recovery point" {
  live_state dev aws
  respond "pulumi stack output publicUrl *" "https://edge.example.com"
  respond "curl *" '{"counter": 41}'
  respond "aws rds describe-db-snapshots *" "2026-12-02T10:00:00Z"
  run scripts/backup dev
  [ "$status" -eq 0 ]
  same_calls "pulumi stack export --stack dev --file STATE
pulumi stack output publicUrl --stack dev
curl -fsS --max-time 20 https://edge.example.com/api/counter
aws rds create-db-snapshot --db-instance-identifier db-1 --db-snapshot-identifier strata-dev-backup-STAMP --region us-east-1 --tags Key=strata-counter,Value=41
aws rds wait db-snapshot-available --db-snapshot-identifier strata-dev-backup-STAMP --region us-east-1
aws rds describe-db-snapshots --db-snapshot-identifier strata-dev-backup-STAMP --region us-east-1 --query DBSnapshots[0].SnapshotCreateTime --output text"
  [[ "$output" == *"recovery point: RDS snapshot strata-dev-backup-"*" of db-1 at 2026-12-02T10:00:00Z; counter before the backup: 41"* ]]
}

@test "backup: every stack x cloud in --dry-run calls nothing; bad input exits 2; a bad counter answer fails" {
  for stack in dev prod; do
    for cloud in aws gcp; do
      run scripts/backup "$stack" --dry-run --cloud "$cloud"
      [ "$status" -eq 0 ] || { echo "$stack $cloud: $output"; return 1; }
    done
  done
  [[ "$output" == *"+ gcloud sql backups create --instance <name:strata-prod-database-postgres> --project strata-prod-4711 --description 'strata-prod-backup-"*" counter=<counter>'"* ]]
  run scripts/backup dev prod
  [ "$status" -eq 2 ]
  run scripts/backup --frobnicate dev
  [ "$status" -eq 2 ]
  no_calls_and_unchanged
  live_state dev aws
  respond "curl *" 'Service Unavailable'
  run scripts/backup dev
  [ "$status" -eq 1 ]
  [[ "$output" == *"answered 'Service Unavailable', not {\"counter\": N}"* ]]
  ! grep -q "create-db-snapshot" "$SHIM_LOG"
}

@test "restore-drill: aws restores the latest recorded snapshot beside the database, verifies in the cluster, deletes it" {
  live_state dev aws
  respond "aws rds describe-db-snapshots *" "snap-1\tarn:aws:rds:us-east-1:1:snapshot:snap-1\t2026-12-02T10:00:00Z"
  respond "aws rds list-tags-for-resource *" "41"
  respond "aws rds describe-db-instances *" "side.example.internal"
  respond "pulumi stack output kubeconfig *" "apiVersion: v1"
  run scripts/restore-drill dev --yes
  [ "$status" -eq 0 ]
  same_calls "pulumi stack export --stack dev --file STATE
aws rds describe-db-snapshots --db-instance-identifier db-1 --snapshot-type manual --region us-east-1 --output text --query reverse(sort_by(DBSnapshots[?Status==\`available\`], &SnapshotCreateTime))[0].[DBSnapshotIdentifier,DBSnapshotArn,SnapshotCreateTime]
aws rds list-tags-for-resource --resource-name arn:aws:rds:us-east-1:1:snapshot:snap-1 --region us-east-1 --query TagList[?Key=='strata-counter'].Value | [0] --output text
aws rds restore-db-instance-from-db-snapshot --db-instance-identifier strata-dev-drill-STAMP --db-snapshot-identifier snap-1 --db-instance-class db.t4g.medium --db-subnet-group-name subnets-1 --vpc-security-group-ids sg-1 sg-2 --no-multi-az --no-publicly-accessible --no-deletion-protection --region us-east-1 --tags Key=strata-drill,Value=dev
aws rds wait db-instance-available --db-instance-identifier strata-dev-drill-STAMP --region us-east-1
aws rds describe-db-instances --db-instance-identifier strata-dev-drill-STAMP --region us-east-1 --query DBInstances[0].Endpoint.Address --output text
pulumi stack output kubeconfig --stack dev --show-secrets
kubectl apply -f build/ops/dev-restore-drill-STAMP.yaml
kubectl wait --for=condition=complete job/restore-drill-STAMP --namespace strata --timeout 10m
kubectl logs job/restore-drill-STAMP --namespace strata
kubectl delete job restore-drill-STAMP --namespace strata --wait=false
aws rds delete-db-instance --db-instance-identifier strata-dev-drill-STAMP --skip-final-snapshot --delete-automated-backups --region us-east-1
aws rds wait db-instance-deleted --db-instance-identifier strata-dev-drill-STAMP --region us-east-1"
  [[ "$output" == *"restore drill passed: recovery point 2026-12-02T10:00:00Z, counter >= 41"* ]]
  job="$(ls -t build/ops/dev-restore-drill-*.yaml | head -1)"
  grep -q "value: \"side.example.internal\"" "$job"
  grep -q "value: \"41\"" "$job"
  grep -q "app.kubernetes.io/component: migrate" "$job"
}

@test "restore-drill: a failed verification fails the drill and still deletes the side instance" {
  live_state dev aws
  respond "aws rds describe-db-snapshots *" "snap-1\tarn:1\t2026-12-02T10:00:00Z"
  respond "aws rds list-tags-for-resource *" "41"
  respond "kubectl wait *" "timed out" 1
  run scripts/restore-drill dev --yes
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAILED: the restored counter did not verify"* ]]
  [ "$(calls | tail -2 | head -1)" = "aws rds delete-db-instance --db-instance-identifier strata-dev-drill-STAMP --skip-final-snapshot --delete-automated-backups --region us-east-1" ]
}

@test "restore-drill: gcp point in time clones beside the database; every stack x cloud dry run calls nothing" {
  for stack in dev prod; do
    for cloud in aws gcp; do
      run scripts/restore-drill "$stack" --dry-run --cloud "$cloud"
      [ "$status" -eq 0 ] || { echo "$stack $cloud: $output"; return 1; }
    done
  done
  run scripts/restore-drill dev --dry-run --cloud gcp --point-in-time 2026-12-02T10:00:00Z --expect-at-least 7
  [ "$status" -eq 0 ]
  [[ "$output" == *"+ gcloud sql instances clone <name:strata-dev-database-postgres> strata-dev-drill-"*" --point-in-time 2026-12-02T10:00:00Z --project strata-dev-4711"* ]]
  # the clone inherits client certificates required + connectors only, which refuse the verification's psql
  [[ "$output" == *"+ gcloud sql instances patch strata-dev-drill-"*" --ssl-mode ENCRYPTED_ONLY --connector-enforcement NOT_REQUIRED --project strata-dev-4711 --quiet"* ]]
  [[ "$output" == *"+ gcloud sql instances delete strata-dev-drill-"*" --project strata-dev-4711 --quiet"* ]]
  no_calls_and_unchanged
}

@test "restore-drill: bad input exits 2 and calls nothing; prod needs --yes" {
  run scripts/restore-drill dev --point-in-time 2026-12-02T10:00:00Z
  [ "$status" -eq 2 ]
  [[ "$output" == *"--point-in-time needs --expect-at-least N"* ]]
  run scripts/restore-drill dev --point-in-time yesterday --expect-at-least 1
  [ "$status" -eq 2 ]
  [[ "$output" == *'--point-in-time "yesterday": allowed: a UTC time like 2026-12-02T15:04:05Z'* ]]
  run scripts/restore-drill dev --expect-at-least many
  [ "$status" -eq 2 ]
  run scripts/restore-drill prod
  [ "$status" -eq 2 ]
  [[ "$output" == *"refused: restore drill"*"on prod stack prod needs --yes"* ]]
  no_calls_and_unchanged
}

LOAD_OK='{"model":"open","connections":16,"requests":3000,"ok":3000,"errors":0,"p99_ms":12.5,"values":3000,"unique":3000,"min":101,"max":3100}'
LOAD_ERRORS='{"model":"open","connections":16,"requests":3000,"ok":2990,"errors":10,"p99_ms":12.5,"values":2990,"unique":2990,"min":101,"max":3090}'

chaos_responses() {
  respond "pulumi stack output publicUrl *" "https://edge.example.com"
  respond "kubectl get pods *" "api-a api-b api-c"
  respond "kubectl exec chaos-load *" "$1"
  respond_once "curl *" '{"counter": 100}'
  respond "curl *" "{\"counter\": $2}"
}

@test "chaos: kills api pods under load, passes on an exact counter within the error threshold, cleans up" {
  chaos_responses "$LOAD_OK" 3100
  run scripts/chaos dev --kill-pods 1 --duration 30 --rate 100 --yes
  [ "$status" -eq 0 ]
  [[ "$output" == *"requests 3000, ok 3000, errors 0 (0.000 %, threshold 0.1 %)"* ]]
  [[ "$output" == *"PASS: exact (no other traffic)"* ]]
  same_calls "pulumi stack output kubeconfig --stack dev --show-secrets
kubectl create configmap chaos-load --namespace strata --from-file=app/bench/LoadGen.java --from-file=scripts/lib/ChaosTarget.java
kubectl apply -f build/ops/dev-chaos-load.yaml
kubectl wait --for=condition=Ready pod/chaos-load --namespace strata --timeout 5m
pulumi stack output publicUrl --stack dev
curl -fsS --max-time 20 https://edge.example.com/api/counter
kubectl exec chaos-load --namespace strata -- java -XX:+UseSerialGC -cp /tmp/c ChaosTarget open 100 30 16
kubectl get pods --namespace strata -l app.kubernetes.io/name=strata,app.kubernetes.io/component=api --field-selector=status.phase=Running -o jsonpath={.items[*].metadata.name}
kubectl delete pod api-a --namespace strata --grace-period=1 --wait=false
pulumi stack output publicUrl --stack dev
curl -fsS --max-time 20 https://edge.example.com/api/counter
kubectl delete -f build/ops/dev-chaos-load.yaml --ignore-not-found --wait=false
kubectl delete configmap chaos-load --namespace strata --ignore-not-found"
}

@test "chaos: fails above the error threshold, and on answers the counter's growth cannot explain; still cleans up" {
  chaos_responses "$LOAD_ERRORS" 3090
  run scripts/chaos dev --duration 30 --yes
  [ "$status" -eq 1 ]
  [[ "$output" == *"errors 10 (0.333 %, threshold 0.1 %)"* ]]
  [[ "$output" == *"FAIL: error ratio above the threshold"* ]]
  [ "$(calls | tail -1)" = "kubectl delete configmap chaos-load --namespace strata --ignore-not-found" ]
  : >"$SHIM_LOG"; rm -f "$SHIM_LOG.used"; : >"$SHIM_RESPONSES"
  chaos_responses "$LOAD_OK" 100
  run scripts/chaos dev --duration 30 --threshold 1 --yes
  [ "$status" -eq 1 ]
  [[ "$output" == *"FAIL: answered values lie outside the counter's growth during the run"* ]]
}

@test "chaos: dry runs of every stack x cloud call nothing; prod needs --yes; bad input exits 2" {
  for stack in dev prod; do
    for cloud in aws gcp; do
      run scripts/chaos "$stack" --dry-run --cloud "$cloud" --drain-node
      [ "$status" -eq 0 ] || { echo "$stack $cloud: $output"; return 1; }
    done
  done
  [[ "$output" == *"+ kubectl drain <"*"> --ignore-daemonsets --delete-emptydir-data --timeout 10m"* ]]
  run scripts/chaos prod
  [ "$status" -eq 2 ]
  [[ "$output" == *"refused: chaos (kill 1 api pod(s) under load) on prod stack prod needs --yes"* ]]
  run scripts/chaos dev --kill-pods 2 --yes
  [ "$status" -eq 2 ]
  [[ "$output" == *"--kill-pods 2: allowed: fewer than the 2 api replicas"* ]]
  run scripts/chaos dev --duration 5
  [ "$status" -eq 2 ]
  [[ "$output" == *"--duration 5: allowed: 30 to 3600 seconds"* ]]
  run scripts/chaos dev --threshold lots
  [ "$status" -eq 2 ]
  run scripts/chaos dev --rate 0
  [ "$status" -eq 2 ]
  no_calls_and_unchanged
}
