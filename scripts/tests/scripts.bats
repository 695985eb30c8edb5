#!/usr/bin/env bats
# Script behaviour that the Java tests cannot see: JDK discovery and exit codes.

setup() {
  cd "$BATS_TEST_DIRNAME/../.."
}

@test "jdk: picks a JDK >= 21 from the JVM directory when JAVA_HOME is older" {
  fake="$BATS_TEST_TMPDIR/jvm"
  mkdir -p "$fake/old-17/bin" "$fake/new-21/bin"
  printf 'JAVA_VERSION="17.0.1"\n' > "$fake/old-17/release"
  printf 'JAVA_VERSION="21.0.4"\n' > "$fake/new-21/release"
  touch "$fake/old-17/bin/javac" "$fake/new-21/bin/javac"
  chmod +x "$fake/old-17/bin/javac" "$fake/new-21/bin/javac"
  run bash -c "source scripts/lib/jdk.sh; JAVA_HOME='$fake/old-17' STRATA_JVM_DIR='$fake' strata_use_jdk && echo \"\$JAVA_HOME\""
  [ "$status" -eq 0 ]
  [ "$output" = "$fake/new-21" ]
}

@test "jdk: fails clearly when there is no JDK >= 21" {
  fake="$BATS_TEST_TMPDIR/empty"
  mkdir -p "$fake"
  run bash -c "source scripts/lib/jdk.sh; JAVA_HOME=/nonexistent STRATA_JVM_DIR='$fake' strata_use_jdk"
  [ "$status" -eq 1 ]
  [[ "$output" == *"no JDK 21 or newer found"* ]]
}

@test "plan: an unknown stack is a usage error with exit 2 and the list of stacks" {
  run scripts/plan no-such-stack
  [ "$status" -eq 2 ]
  [[ "$output" == *"no stack file Pulumi.no-such-stack.yaml (stacks here: dev, prod)"* ]]
}

@test "plan: a bad --cloud is a usage error with exit 2" {
  run scripts/plan dev --cloud azure
  [ "$status" -eq 2 ]
  [[ "$output" == *'--cloud "azure": allowed: aws, gcp'* ]]
}

@test "plan: writes plan.json and the diagram for prod on gcp" {
  run scripts/plan prod --cloud gcp --quiet
  [ "$status" -eq 0 ]
  [ -s build/plan/prod-gcp.json ]
  [ -s build/plan/prod-gcp.dot ]
  grep -q '"cloud" : "gcp"' build/plan/prod-gcp.json
}

@test "policy-check: usage error exits 2, a weakened plan exits 1 naming the policy" {
  run scripts/policy-check
  [ "$status" -eq 2 ]
  scripts/plan dev --quiet --out "$BATS_TEST_TMPDIR/dev.json" >/dev/null 2>&1
  run scripts/policy-check "$BATS_TEST_TMPDIR/dev.json"
  [ "$status" -eq 0 ]
  sed 's/"publiclyAccessible" : false/"publiclyAccessible" : true/' "$BATS_TEST_TMPDIR/dev.json" > "$BATS_TEST_TMPDIR/weak.json"
  run scripts/policy-check "$BATS_TEST_TMPDIR/weak.json"
  [ "$status" -eq 1 ]
  [[ "$output" == *"MANDATORY aws-rds-instance-no-public-access"* ]]
}

@test "plan --preview: writes the preview plan with provider-computed values unknown" {
  run scripts/plan dev --cloud gcp --preview --quiet
  [ "$status" -eq 0 ]
  [[ "$output" == *"preview-planned dev on gcp"* ]]
  grep -q '"preview" : true' build/plan/dev-gcp.preview.json
  grep -q '"\[unknown\]"' build/plan/dev-gcp.preview.json
}

@test "plan-diff: relative paths from the caller's directory; a removed stateful resource exits 3" {
  scripts/plan dev --cloud gcp --quiet
  cd "$BATS_TEST_TMPDIR"
  cp "$BATS_TEST_DIRNAME/../../build/plan/dev-gcp.json" base.json
  grep -v 'this line matches nothing' base.json > same.json
  run "$BATS_TEST_DIRNAME/../plan-diff" base.json same.json
  [ "$status" -eq 0 ]
  [[ "$output" == *"0 added, 0 deleted, 0 changed"* ]]
  python3 -c 'import json,sys; p=json.load(open("base.json")); p["resources"]=[r for r in p["resources"] if r["type"]!="gcp:storage/bucket:Bucket"]; json.dump(p,open("head.json","w"))'
  run "$BATS_TEST_DIRNAME/../plan-diff" base.json head.json --markdown
  [ "$status" -eq 3 ]
  [[ "$output" == *"Would replace/destroy stateful resource"* ]]
  run "$BATS_TEST_DIRNAME/../plan-diff" base.json
  [ "$status" -eq 2 ]
}
