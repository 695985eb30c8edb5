#!/usr/bin/env bats
# scripts/scale: validation through the program's loader, the stack-file writes, the targeted preview/up, the
# autoscaler-friendly size change, --list, --create; every bad input exits 2 and changes nothing.

load ops_helpers

setup() {
  ops_setup
}

teardown() {
  ops_teardown
}

AWS_NG='urn:pulumi:dev::strata::pulumi:pulumi:Stack$strata:aws:AwsPlatform$strata:aws:AwsNodePools$aws:eks/nodeGroup:NodeGroup::strata-dev-nodes-general'

@test "scale: --help prints the usage and exits 0" {
  run scripts/scale --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"usage: scripts/scale <stack> <pool> --min N --max M"* ]]
}

@test "scale: dev on aws writes the whole pool (the stack file inherits the default), previews and applies only that pool" {
  live_state dev aws
  respond "aws eks describe-nodegroup *" "2"
  run scripts/scale dev general --min 1 --max 5 --yes
  [ "$status" -eq 0 ]
  same_calls "pulumi config set --stack dev --path strata:nodePools.general.awsInstanceType m6i.large
pulumi config set --stack dev --path strata:nodePools.general.gcpMachineType e2-standard-4
pulumi config set --stack dev --path strata:nodePools.general.minSize 1
pulumi config set --stack dev --path strata:nodePools.general.desiredSize 2
pulumi config set --stack dev --path strata:nodePools.general.maxSize 5
pulumi preview --stack dev --target $AWS_NG --diff
pulumi stack export --stack dev --file STATE
aws eks describe-nodegroup --cluster-name eks-1 --nodegroup-name ng-1 --region us-east-1 --query nodegroup.scalingConfig.desiredSize --output text
pulumi up --stack dev --target $AWS_NG --refresh --yes --skip-preview"
}

@test "scale: aws --desired sets the size now, bounds and size in one EKS call, before the targeted up" {
  live_state dev aws
  respond "aws eks describe-nodegroup *" "2"
  run scripts/scale dev general --min 1 --max 5 --desired 4 --yes
  [ "$status" -eq 0 ]
  calls | grep -n . >"$BATS_TEST_TMPDIR/numbered"
  grep -q "^9:aws eks update-nodegroup-config --cluster-name eks-1 --nodegroup-name ng-1 --region us-east-1 --scaling-config minSize=1,maxSize=5,desiredSize=4$" "$BATS_TEST_TMPDIR/numbered"
  grep -q "^10:aws eks wait nodegroup-active --cluster-name eks-1 --nodegroup-name ng-1 --region us-east-1$" "$BATS_TEST_TMPDIR/numbered"
  grep -q "^11:pulumi up --stack dev --target .*--refresh --yes --skip-preview$" "$BATS_TEST_TMPDIR/numbered"
  grep -q "strata:nodePools.general.desiredSize 4" "$SHIM_LOG"
}

@test "scale: aws moves a live size outside the new bounds to the nearest bound (EKS rejects it otherwise)" {
  live_state dev aws
  respond "aws eks describe-nodegroup *" "6"
  run scripts/scale dev general --min 1 --max 3 --yes
  [ "$status" -eq 0 ]
  grep -q -- "--scaling-config minSize=1,maxSize=3,desiredSize=3$" "$SHIM_LOG"
}

@test "scale: prod on gcp writes only the changed fields and resizes per zone after the targeted up" {
  live_state prod gcp
  respond "gcloud container node-pools describe *" "3"
  run scripts/scale prod general --min 3 --max 12 --desired 7 --yes --cloud gcp --dry-run
  [ "$status" -eq 0 ]
  no_calls_and_unchanged
  [[ "$output" == *"+ pulumi config set --stack prod --path strata:nodePools.general.desiredSize 7"* ]]
  [[ "$output" == *"+ pulumi config set --stack prod --path strata:nodePools.general.maxSize 12"* ]]
  [[ "$output" != *"strata:nodePools.general.minSize"* ]]
  [[ "$output" != *"awsInstanceType"* ]]
  [[ "$output" == *"+ gcloud container clusters resize <cluster:strata-prod-cluster-general> --node-pool <name:strata-prod-cluster-general> --num-nodes <ceil(7/zone-count)> --region us-central1 --project strata-prod-4711 --quiet"* ]]
}

@test "scale: gcp --desired resizes the regional pool per zone (7 over 3 zones -> 3 each)" {
  gcp_dev_stack
  respond "gcloud container node-pools describe *" "3"
  run scripts/scale gdev general --min 1 --max 9 --desired 7 --yes
  [ "$status" -eq 0 ]
  [ "$(calls | tail -3 | head -1)" = "pulumi up --stack gdev --target urn:pulumi:gdev::strata::pulumi:pulumi:Stack\$strata:gcp:GcpPlatform\$strata:gcp:GcpCluster\$gcp:container/nodePool:NodePool::strata-gdev-cluster-general --refresh --yes --skip-preview" ]
  [ "$(calls | tail -2 | head -1)" = "gcloud container node-pools describe pool-1 --cluster gke-1 --region us-central1 --project strata-dev-4711 --format value(locations.len())" ]
  [ "$(calls | tail -1)" = "gcloud container clusters resize gke-1 --node-pool pool-1 --num-nodes 3 --region us-central1 --project strata-dev-4711 --quiet" ]
}

@test "scale: every stack x cloud works in --dry-run and calls nothing" {
  for stack in dev prod; do
    for cloud in aws gcp; do
      : >"$SHIM_LOG"
      run scripts/scale "$stack" general --min 3 --max 6 --dry-run --cloud "$cloud"
      [ "$status" -eq 0 ] || { echo "$stack $cloud: $output"; return 1; }
      no_calls_and_unchanged
      [[ "$output" == *"+ pulumi preview --stack $stack --target 'urn:pulumi:$stack::strata::"*"::strata-$stack-"*"-general' --diff"* ]]
    done
  done
}

@test "scale: --create adds a pool of a new shape, targeting the URN of the proposed config's plan" {
  run scripts/scale prod gpu --create --aws-instance-type g5.xlarge --gcp-machine-type g2-standard-8 --min 2 --max 4 --dry-run
  [ "$status" -eq 0 ]
  no_calls_and_unchanged
  [[ "$output" == *"+ pulumi config set --stack prod --path strata:nodePools.gpu.awsInstanceType g5.xlarge"* ]]
  [[ "$output" == *"+ pulumi config set --stack prod --path strata:nodePools.gpu.desiredSize 2"* ]]
  [[ "$output" == *"+ pulumi up --stack prod --target 'urn:pulumi:prod::strata::"*"aws:eks/nodeGroup:NodeGroup::strata-prod-nodes-gpu' --yes --skip-preview"* ]]
}

@test "scale: --list shows every pool's bounds and URN, and live nodes when the cluster answers" {
  respond "pulumi stack output kubeconfig *" "apiVersion: v1"
  respond "kubectl get nodes -l strata.dev/pool=general *" "node-a Ready\nnode-b Ready"
  run scripts/scale prod --list
  [ "$status" -eq 0 ]
  [[ "$output" == *"general              m6i.xlarge             3        3     9      2  urn:pulumi:prod::strata::"*"strata-prod-nodes-general"* ]]
}

@test "scale: prod is refused without --yes, before anything is written" {
  run scripts/scale prod general --min 3 --max 10
  [ "$status" -eq 2 ]
  [[ "$output" == *"refused: scale node pool general on prod stack prod needs --yes"* ]]
  no_calls_and_unchanged
}

@test "scale: bounds the stack file would reject exit 2 with the loader's message and write nothing" {
  run scripts/scale dev general --min 5 --max 2 --yes
  [ "$status" -eq 2 ]
  [[ "$output" == *"strata:nodePools.general: minSize 5, desiredSize 5, maxSize 2: must satisfy minSize <= desiredSize <= maxSize"* ]]
  run scripts/scale prod general --min 1 --max 4 --yes
  [ "$status" -eq 2 ]
  [[ "$output" == *"strata:nodePools.general.minSize"*"must be at least 2 in prod"* ]]
  run scripts/scale dev general --min 1 --max 4 --desired 9 --yes
  [ "$status" -eq 2 ]
  [[ "$output" == *"desiredSize 9, maxSize 4"* ]]
  run scripts/scale dev general --min 1 --max 101 --yes
  [ "$status" -eq 2 ]
  [[ "$output" == *"strata:nodePools.general.maxSize"*"101"* ]]
  no_calls_and_unchanged
}

@test "scale: an unknown pool gets a did-you-mean; other bad usage exits 2; nothing is written" {
  run scripts/scale dev genral --min 1 --max 4 --yes
  [ "$status" -eq 2 ]
  [[ "$output" == *"unknown node pool 'genral' in stack dev (pools: general); did you mean general?"* ]]
  run scripts/scale dev general --min one --max 4
  [ "$status" -eq 2 ]
  [[ "$output" == *'--min "one": allowed: a whole number'* ]]
  run scripts/scale dev general --max 4
  [ "$status" -eq 2 ]
  [[ "$output" == *"--min is required"* ]]
  run scripts/scale dev general --min 1 --max 4 --frobnicate
  [ "$status" -eq 2 ]
  [[ "$output" == *"unknown option --frobnicate"* ]]
  run scripts/scale nostack general --min 1 --max 4
  [ "$status" -eq 2 ]
  [[ "$output" == *"no stack file Pulumi.nostack.yaml"* ]]
  run scripts/scale dev general --min 1 --max 4 --cloud gcp --yes
  [ "$status" -eq 2 ]
  [[ "$output" == *"--cloud gcp differs from the stack file's cloud aws; --cloud is for --dry-run only"* ]]
  run scripts/scale dev gpu --create --min 1 --max 2 --yes
  [ "$status" -eq 2 ]
  [[ "$output" == *"--create needs both --aws-instance-type and --gcp-machine-type"* ]]
  run scripts/scale dev general --create --aws-instance-type m6i.large --gcp-machine-type e2-standard-4 --min 1 --max 2 --yes
  [ "$status" -eq 2 ]
  [[ "$output" == *"node pool 'general' already exists in stack dev; drop --create"* ]]
  run scripts/scale dev gpu --create --aws-instance-type G5 --gcp-machine-type g2-standard-8 --min 1 --max 2 --yes
  [ "$status" -eq 2 ]
  [[ "$output" == *"strata:nodePools.gpu.awsInstanceType"*"G5"* ]]
  no_calls_and_unchanged
}
