#!/usr/bin/env bash
# Builds the bosun command as a native executable, on a machine that has GraalVM or Mandrel
# (native-image on PATH, or GRAALVM_HOME set). See README.md in this directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if [[ -z "${GRAALVM_HOME:-}" ]] && ! command -v native-image >/dev/null 2>&1; then
  echo "src/native/build.sh: no GraalVM or Mandrel found (set GRAALVM_HOME or put native-image on PATH)" >&2
  exit 1
fi

# -Dnative activates server/pom.xml's native profile (quarkus.native.enabled=true, no jar).
mvn -B package -Dnative -DskipTests -pl server -am "$@"

echo "Built: server/target/bosun-server-*-runner (run it as: <runner> server --data-dir ...)"
