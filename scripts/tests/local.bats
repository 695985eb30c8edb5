#!/usr/bin/env bats
# The local topology's scripts: usage errors, the Dockerfile rewrite for registry-free builds, the
# compose schema check failing on a broken file. (The topology itself: scripts/local-test.)

setup() {
  cd "$BATS_TEST_DIRNAME/../.."
}

@test "local scripts: unknown arguments are usage errors with exit 2" {
  for s in scripts/local-up scripts/local-status scripts/local-test; do
    run "$s" --bogus
    [ "$status" -eq 2 ]
    [[ "$output" == *"usage"* ]]
  done
  run scripts/local-down --bogus
  [ "$status" -eq 2 ]
  run local/images/build --bogus
  [ "$status" -eq 2 ]
}

@test "images: app/Dockerfile's runtime stage is built on the local JRE with the host-built jar" {
  run bash -c 'eval "$(sed -n "/^runtime_stage_dockerfile()/,/^}/p" local/images/build)"; runtime_stage_dockerfile'
  [ "$status" -eq 0 ]
  [[ "$output" == "FROM localhost/strata-jre:local"* ]]
  [[ "$output" != *"--from="* ]]
  [[ "$output" == *"COPY "*"target/counter.jar /app/counter.jar"* ]]
  # everything after the jar is the Dockerfile's own runtime stage
  [[ "$output" == *"$(sed -n '/^USER/,$p' app/Dockerfile)"* ]]
}

@test "compose schema: a wrong type fails validation naming the path" {
  [ -d local/schema/node_modules ] || (cd local/schema && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  sed 's/replicas: \${API_REPLICAS:-2}/replicas: [2]/' compose.yaml > "$BATS_TEST_TMPDIR/compose.yaml"
  run node local/schema/validate.mjs "$BATS_TEST_TMPDIR/compose.yaml"
  [ "$status" -eq 1 ]
  [[ "$output" == *"/services/api/deploy/replicas"* ]]
  run node local/schema/validate.mjs compose.yaml
  [ "$status" -eq 0 ]
}
