#!/usr/bin/env bash
# timed.sh LABEL COMMAND [ARGS...]: runs COMMAND, framing its output with the
# phase's name and how long it took (also appended to $KIZUNA_TIMINGS if set).
set -uo pipefail
label="$1"; shift
start=$(date +%s)
printf '\n\033[1m==> %s\033[0m\n' "$label"
"$@"
rc=$?
secs=$(( $(date +%s) - start ))
status=ok; [ "$rc" -eq 0 ] || status="FAILED (exit $rc)"
printf '\033[1m<== %s: %s in %ds\033[0m\n' "$label" "$status" "$secs"
if [ -n "${KIZUNA_TIMINGS:-}" ]; then
	printf '%-28s %6ds  %s\n' "$label" "$secs" "$status" >>"$KIZUNA_TIMINGS"
fi
exit "$rc"
