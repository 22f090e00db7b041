#!/usr/bin/env bash
# Runs the Swift test suite, keeps its whole output in var/test-logs/swift-test.log, and — when it fails —
# repeats the failing expectations at the end, so that the last lines of a long `make test` name them.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log="var/test-logs/swift-test.log"
mkdir -p "$(dirname "$log")"
"${SWIFT:-swift}" test --skip-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
    echo "== Swift tests failed (exit $status); the failing expectations (whole output: $log):"
    grep -E '^(✘|.*error:)' "$log" | cut -c1-400 | head -40
fi
exit "$status"
