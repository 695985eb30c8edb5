# shellcheck shell=bash
# Finds a JDK >= 21 and exports JAVA_HOME and PATH for it: JAVA_HOME first, then the standard JVM
# directory (newest first; STRATA_JVM_DIR overrides it, for tests). Fails with a clear message when there is none.

strata_jdk_major() {
  # prints the major version of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/javac" ] && [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

strata_use_jdk() {
  local candidate major
  local -a installed=()
  mapfile -t installed < <(printf '%s\n' "${STRATA_JVM_DIR:-/usr/lib/jvm}"/*/ | sort -rV)
  for candidate in "${JAVA_HOME:-}" "${installed[@]}"; do
    [ -n "$candidate" ] || continue
    candidate="${candidate%/}"
    major="$(strata_jdk_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: no JDK 21 or newer found (looked at JAVA_HOME='${JAVA_HOME:-}' and ${STRATA_JVM_DIR:-/usr/lib/jvm}/*)." >&2
  echo "       Install one (e.g. Temurin 21+) or point JAVA_HOME at it." >&2
  return 1
}
