#!/bin/sh
# The API as it runs in production (npm start, the Docker image, the bench): node with a
# capped V8 heap, so its memory stays bounded under load. Exports and article extraction
# run in child processes with limits of their own (EXPORT_HEAP_MB, EXTRACT_HEAP_MB), so a
# large one fails alone (EXPORT_TOO_LARGE, ARTICLE_TOO_LARGE).
#   API_HEAP_MB        old-generation heap of the API, MB (default 192; see README, Configuration)
#   MALLOC_ARENA_MAX   glibc malloc arenas (default 2: fewer arenas keep less freed memory)
# A young generation of 16 MB a semi-space, not V8's default: a page of 100 allocates ~2 MB, and
# with fewer collections the API spent 16 % less CPU a page (README, Benchmarks).
# Extra arguments go to node before the entry point (e.g. --cpu-prof).
set -eu
# Checked here, before node starts (the cap is node's own flag), as src/config.ts checks the other
# settings: decimal digits, surrounding spaces ignored, 64 to 65536 (below 64 MB node cannot even
# load the service); a refusal reads as the configuration's and exits with its code.
given="${API_HEAP_MB:-192}"
heap="$(printf '%s' "$given" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')"
case "$heap" in
  '' | *[!0-9]*) heap=0 ;;
esac
if [ "${#heap}" -gt 5 ] || [ "$heap" -lt 64 ] || [ "$heap" -gt 65536 ]; then
  printf 'statement-graph: Invalid configuration:\n  - API_HEAP_MB: must be a whole number from 64 to 65536, not "%s"\n' "$given" >&2
  exit 1
fi
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec node --max-old-space-size="$heap" --max-semi-space-size=16 "$@" "$(dirname "$0")/../dist/main.js"
