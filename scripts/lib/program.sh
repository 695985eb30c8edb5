# shellcheck shell=bash
# Builds the Pulumi program when its sources changed and runs one of its main classes on the JVM
# flags the project needs. Sourced by scripts/plan and scripts/test.

# shellcheck source=scripts/lib/jdk.sh
source "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"

strata_java_flags() {
  # pulumi-java#2270: the runtime livelocks on JDK 25 with a common fork/join parallelism of 1 (2 CPUs).
  local flags=(-Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)
  if [ "$(strata_jdk_major "$JAVA_HOME")" -ge 24 ]; then
    # protobuf and guava still use sun.misc.Unsafe; silence the JDK 24+ warning, not an error.
    flags+=(--sun-misc-unsafe-memory-access=allow)
  fi
  printf '%s\n' "${flags[@]}"
}

# Maven itself runs on the chosen JDK; keep its JDK 24+ Unsafe warnings out of the output.
strata_maven_opts() {
  if [ "$(strata_jdk_major "$JAVA_HOME")" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}

# Compiles the program and records its runtime classpath, only when pom.xml or src/main changed.
strata_build_program() {
  local stamp=target/.program-built
  if [ -f "$stamp" ] && [ -f target/classpath.txt ] && [ -z "$(find pom.xml src/main -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  echo "building the program (sources changed)..." >&2
  strata_maven_opts
  mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >&2
  touch "$stamp"
}

strata_run_main() {
  local main="$1"; shift
  local flags
  mapfile -t flags < <(strata_java_flags)
  java "${flags[@]}" -cp "target/classes:$(cat target/classpath.txt)" "$main" "$@"
}
