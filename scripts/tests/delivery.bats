#!/usr/bin/env bats
# Delivery scripts against shims of aws, gcloud, pulumi, docker and the smoke test that record every call:
# scripts/bootstrap (exact command sequence, idempotency, --dry-run changes nothing, printed login lines),
# scripts/deploy (push by digest, up with the policy pack, smoke, rollback), scripts/stack-cloud.

setup() {
  cd "$BATS_TEST_DIRNAME/../.."
  export CALLS="$BATS_TEST_TMPDIR/calls"
  : > "$CALLS"
  bin="$BATS_TEST_TMPDIR/bin"
  mkdir -p "$bin"
  export SHIM_EXISTS=""
  cat > "$bin/aws" <<'EOF'
#!/usr/bin/env bash
echo "aws $*" >> "$CALLS"
has() { [[ " $SHIM_EXISTS " == *" $1 "* ]]; }
case "$1 $2" in
  "sts get-caller-identity") echo 123456789012 ;;
  "kms describe-key") if has key; then echo key-old; else echo "An error occurred (NotFoundException)" >&2; exit 254; fi ;;
  "kms create-key") echo key-new ;;
  "s3api head-bucket") has bucket || exit 254 ;;
  "ecr get-login-password") echo not-a-real-password ;;
esac
EOF
  cat > "$bin/gcloud" <<'EOF'
#!/usr/bin/env bash
echo "gcloud $*" >> "$CALLS"
has() { [[ " $SHIM_EXISTS " == *" $1 "* ]]; }
case "$1 $2 $3" in
  "kms keyrings describe") has ring || exit 1 ;;
  "kms keys describe") has key || exit 1 ;;
  "storage buckets describe") has bucket || exit 1 ;;
esac
EOF
  cat > "$bin/pulumi" <<'EOF'
#!/usr/bin/env bash
echo "pulumi $*" >> "$CALLS"
case "$1 $2 $3" in
  "stack output imageRepositoryUrl") echo 123456789012.dkr.ecr.us-east-1.amazonaws.com/strata-dev-counter ;;
  "stack output publicUrl") echo https://d111.cloudfront.net ;;
  "stack export --stack") printf '%s\n' "${SHIM_STATE:-{\}}" ;;
esac
EOF
  cat > "$bin/docker" <<'EOF'
#!/usr/bin/env bash
# login reads the password from the pipe first, so the log order does not depend on scheduling
if [ "$1" = login ]; then cat > /dev/null; fi
echo "docker $*" >> "$CALLS"
case "$1" in
  load) echo "Loaded image: counter:abc123" ;;
  inspect) echo "123456789012.dkr.ecr.us-east-1.amazonaws.com/strata-dev-counter@sha256:$(printf 'b%.0s' {1..64})" ;;
esac
EOF
  cat > "$bin/smoke" <<'EOF'
#!/usr/bin/env bash
echo "smoke $*" >> "$CALLS"
[ -z "${SHIM_SMOKE_FAILS:-}" ]
EOF
  chmod +x "$bin"/*
  export PATH="$bin:$PATH"
  export STRATA_SMOKE="$bin/smoke"
}

mutating() {
  grep -vE '^(aws (sts get-caller-identity|kms describe-key|s3api head-bucket)|gcloud (kms keyrings describe|kms keys describe|storage buckets describe))' "$CALLS" || true
}

@test "bootstrap aws: creates key and bucket in order, hardens the bucket, prints the login lines" {
  run scripts/bootstrap aws dev
  [ "$status" -eq 0 ]
  run cut -d' ' -f1-3 "$CALLS"
  [ "$output" = "aws sts get-caller-identity
aws kms describe-key
aws kms create-key
aws kms create-alias
aws kms enable-key-rotation
aws s3api head-bucket
aws s3api create-bucket
aws s3api put-public-access-block
aws s3api put-bucket-ownership-controls
aws s3api put-bucket-versioning
aws s3api put-bucket-encryption
aws s3api put-bucket-policy" ]
  grep -q -- '--alias-name alias/strata-dev-state --target-key-id key-new' "$CALLS"
  grep -q -- 'create-bucket --bucket strata-dev-state-123456789012 --region us-east-1$' "$CALLS"
  grep -q 'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true' "$CALLS"
  grep -q 'Status=Enabled' "$CALLS"
  grep -q '"KMSMasterKeyID":"arn:aws:kms:us-east-1:123456789012:key/key-new"' "$CALLS"
  grep -q '"aws:SecureTransport":"false"' "$CALLS"
  run scripts/bootstrap aws dev
  [[ "$output" == *"pulumi login 's3://strata-dev-state-123456789012?region=us-east-1&awssdk=v2'"* ]]
}

@test "bootstrap aws: a second run creates nothing and re-applies the bucket settings" {
  SHIM_EXISTS="key bucket" run scripts/bootstrap aws prod --region eu-west-1
  [ "$status" -eq 0 ]
  ! grep -qE 'create-key|create-alias|create-bucket' "$CALLS"
  grep -q 'kms enable-key-rotation --region eu-west-1 --key-id key-old' "$CALLS"
  grep -q 'put-bucket-versioning --bucket strata-prod-state-123456789012 --region eu-west-1' "$CALLS"
  [[ "$output" == *"pulumi stack init prod --secrets-provider 'awskms://alias/strata-prod-state?region=eu-west-1'"* ]]
}

@test "bootstrap aws --dry-run: only read-only calls run; the changes are printed" {
  run scripts/bootstrap aws dev --dry-run --region eu-west-1
  [ "$status" -eq 0 ]
  [ -z "$(mutating)" ]
  [[ "$output" == *"+ aws kms create-key --region eu-west-1"* ]]
  [[ "$output" == *"+ aws s3api create-bucket --bucket strata-dev-state-123456789012 --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1"* ]]
  [[ "$output" == *"dry run: nothing was created or changed"* ]]
}

@test "bootstrap gcp: project and region from the stack file; key ring, key, CMEK grant, bucket, login lines" {
  run scripts/bootstrap gcp dev
  [ "$status" -eq 0 ]
  run cut -d' ' -f1-4 "$CALLS"
  [ "$output" = "gcloud services enable cloudkms.googleapis.com
gcloud kms keyrings describe
gcloud kms keyrings create
gcloud kms keys describe
gcloud kms keys create
gcloud storage service-agent --project
gcloud storage buckets describe
gcloud storage buckets create
gcloud storage buckets update" ]
  grep -q 'kms keys create dev-state --keyring strata-state --location us-central1 --project strata-dev-4711 --purpose encryption --rotation-period 90d' "$CALLS"
  grep -q 'buckets create gs://strata-dev-state-strata-dev-4711 .*--uniform-bucket-level-access --public-access-prevention --default-encryption-key projects/strata-dev-4711/locations/us-central1/keyRings/strata-state/cryptoKeys/dev-state' "$CALLS"
  grep -q 'buckets update gs://strata-dev-state-strata-dev-4711 --project strata-dev-4711 --versioning' "$CALLS"
  run scripts/bootstrap gcp dev
  [[ "$output" == *"pulumi login gs://strata-dev-state-strata-dev-4711"* ]]
  [[ "$output" == *"pulumi stack init dev --secrets-provider gcpkms://projects/strata-dev-4711/locations/us-central1/keyRings/strata-state/cryptoKeys/dev-state"* ]]
}

@test "bootstrap gcp --dry-run changes nothing; a second real run creates nothing" {
  run scripts/bootstrap gcp prod --dry-run
  [ "$status" -eq 0 ]
  [ -z "$(mutating)" ]
  [[ "$output" == *"+ gcloud kms keyrings create strata-state --location us-central1 --project strata-prod-4711"* ]]
  : > "$CALLS"
  SHIM_EXISTS="ring key bucket" run scripts/bootstrap gcp prod
  [ "$status" -eq 0 ]
  ! grep -qE 'keyrings create|keys create|buckets create' "$CALLS"
}

@test "bootstrap: bad input exits 2 and calls no cloud" {
  run scripts/bootstrap azure dev
  [ "$status" -eq 2 ]
  [[ "$output" == *'cloud "azure": allowed: aws, gcp'* ]]
  run scripts/bootstrap aws staging
  [ "$status" -eq 2 ]
  [[ "$output" == *"no stack file Pulumi.staging.yaml (stacks here: dev, prod)"* ]]
  run scripts/bootstrap aws dev --regio eu-west-1
  [ "$status" -eq 2 ]
  [ ! -s "$CALLS" ]
}

@test "stack-cloud: the stack file's strata:cloud, else the project default; anything else is exit 2" {
  run scripts/stack-cloud dev
  [ "$output" = "aws" ]
  run scripts/stack-cloud no-such
  [ "$status" -eq 2 ]
}

@test "deploy: pushes the archive by digest, runs up with the policy pack and that digest, then smoke" {
  digest="sha256:$(printf 'b%.0s' {1..64})"
  archive="$BATS_TEST_TMPDIR/counter.tar.gz"
  touch "$archive"
  GITHUB_SHA=abc123 GITHUB_OUTPUT="$BATS_TEST_TMPDIR/out" run scripts/deploy dev --archive "$archive"
  [ "$status" -eq 0 ]
  run cut -d' ' -f1-3 "$CALLS"
  [ "$output" = "pulumi stack output
aws ecr get-login-password
docker login --username
docker load --input
docker tag counter:abc123
docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/strata-dev-counter:abc123
docker inspect --format
pulumi stack export
pulumi up --stack
pulumi stack output
smoke https://d111.cloudfront.net" ]
  grep -qx "pulumi up --stack dev --yes --policy-pack policies --config strata:appImage=123456789012.dkr.ecr.us-east-1.amazonaws.com/strata-dev-counter@$digest" "$CALLS"
  grep -qx "url=https://d111.cloudfront.net" "$BATS_TEST_TMPDIR/out"
}

@test "deploy: a failed smoke rolls back with up on the previous digest and fails" {
  previous="registry.example/counter@sha256:$(printf 'a%.0s' {1..64})"
  image="registry.example/counter@sha256:$(printf 'c%.0s' {1..64})"
  export SHIM_STATE="{\"deployment\":{\"resources\":[{\"type\":\"kubernetes:apps/v1:Deployment\",\"inputs\":{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"$previous\"}]}}}}}]}}"
  SHIM_SMOKE_FAILS=1 run scripts/deploy dev --image "$image"
  [ "$status" -eq 1 ]
  [[ "$output" == *"smoke failed on dev; rolling back to $previous"* ]]
  run grep '^pulumi up' "$CALLS"
  [ "$output" = "pulumi up --stack dev --yes --policy-pack policies --config strata:appImage=$image
pulumi up --stack dev --yes --policy-pack policies --config strata:appImage=$previous" ]
}

@test "deploy: an image not pinned by digest, or no image at all, is exit 2 before any call" {
  run scripts/deploy dev --image registry.example/counter:latest
  [ "$status" -eq 2 ]
  [[ "$output" == *"expected <repository>@sha256:<64 hex digits>"* ]]
  run scripts/deploy dev
  [ "$status" -eq 2 ]
  [ ! -s "$CALLS" ]
}

@test "pr-plans: a base commit that does not exist is exit 2 before anything is planned" {
  run scripts/pr-plans no-such-commit "$BATS_TEST_TMPDIR/pr"
  [ "$status" -eq 2 ]
  [[ "$output" == *'base commit "no-such-commit" not found'* ]]
  [ ! -e "$BATS_TEST_TMPDIR/pr/head" ]
}
