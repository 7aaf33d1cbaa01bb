#!/usr/bin/env bash
# CI step: a real Neo4j 5.26 for the Neo4j tests, started by the project's own `kg services up` (Maven Central artifacts, Java 17).
set -euo pipefail
command -v java >/dev/null || { echo "java (17+) is required for kg services up" >&2; exit 1; }
if ! command -v mvn >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq maven
fi
[ -f dist/cli/kg.js ] || npm run build
node dist/cli/kg.js services up --timeout 300
