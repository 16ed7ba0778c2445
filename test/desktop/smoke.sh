#!/usr/bin/env bash
# Desktop smoke test: runs the real bin/kizuna window under a virtual X
# display (Xvfb) with a fresh data directory seeded by `kizuna demo`, waits
# until the window shows the HR console, takes a screenshot and fails unless
# the window really shows it.
#
# How "shows the console" is decided, without OCR:
#  1. the app's network listener answers GET /healthz;
#  2. the window reports what the page shows (KIZUNA_DESKTOP_PROBE: path,
#     title and visible text, once the text stopped changing): the path must
#     be under /console/, the Wails bindings must be present, the text must be
#     Japanese, long enough, and free of error / login-page markers;
#  3. the screenshot must differ from a screenshot of the empty display taken
#     before the start, and must not be a blank or near-uniform window (a
#     white window or a one-line error page has few colours and a tiny
#     standard deviation).
# Output: test-results/desktop.png (+ desktop-blank.png, desktop-app.log,
# desktop-probe.json). Environment:
#   KIZUNA_BIN               binary to test (default bin/kizuna; built if missing)
#   KIZUNA_SMOKE_TIMEOUT     seconds to wait for the console (default 60)
#   KIZUNA_SMOKE_EXPECT      regex the page text must match (default アルムナイ)
#   KIZUNA_SMOKE_KEEP=1      keep the temporary data directory
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/test-results"
BIN="${KIZUNA_BIN:-$ROOT/bin/kizuna}"
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
TIMEOUT="${KIZUNA_SMOKE_TIMEOUT:-60}"
EXPECT="${KIZUNA_SMOKE_EXPECT:-アルムナイ}" # the console's main section
FORBIDDEN='ビルドされていません|not built|ログインしてください|メールアドレスとパスワード|読み込みに失敗|エラーが発生しました|Not Found|404 page not found|Internal Server Error|Found\.$'

log() { printf '[desktop-smoke] %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; echo "desktop smoke: 0 passed, 1 failed"; exit 1; }

# ------------------------------------------------------------ outer part ---
if [ "${KIZUNA_SMOKE_INNER:-}" != 1 ]; then
	for tool in xvfb-run Xvfb xauth import identify compare curl; do
		command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing: run 'make deps' (packages xvfb xauth imagemagick curl)"
	done
	if [ ! -x "$BIN" ]; then
		log "$BIN missing: building it (make build)"
		make -C "$ROOT" build
	fi
	mkdir -p "$OUT"
	rm -f "$OUT"/desktop*.png "$OUT/desktop-app.log" "$OUT/desktop-probe.json"
	# Always a fresh virtual display: deterministic size, and no window pops
	# up on the developer's own screen.
	exec env -u DISPLAY -u WAYLAND_DISPLAY KIZUNA_SMOKE_INNER=1 \
		xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" bash "$0" "$@"
fi

# ------------------------------------------------- inside the X display ---
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kizuna-smoke.XXXXXX")"
DATA="$WORK/data"
PROBE="$WORK/probe.json"
APPLOG="$OUT/desktop-app.log"
mkdir -p "$DATA" "$WORK/xdg/data" "$WORK/xdg/config" "$WORK/xdg/cache" "$WORK/xdg/runtime"
chmod 700 "$WORK/xdg/runtime"
# Keep WebKit's caches, GTK settings and any default data location inside
# the temporary directory.
export XDG_DATA_HOME="$WORK/xdg/data" XDG_CONFIG_HOME="$WORK/xdg/config" \
	XDG_CACHE_HOME="$WORK/xdg/cache" XDG_RUNTIME_DIR="$WORK/xdg/runtime" \
	GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 KIZUNA_DATA="$DATA" LANG="${LANG:-C.UTF-8}"
app_pgid=""

cleanup() {
	stop_app
	if [ "${KIZUNA_SMOKE_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# stop_app: SIGTERM to the app, SIGKILL if it is still there after 5 s (the
# first SIGTERM is sometimes ignored, e.g. while a native dialog is open),
# then SIGKILL to whatever is left of its process group (WebKit helpers).
stop_app() {
	[ -n "$app_pgid" ] || return 0
	local pg="$app_pgid"
	app_pgid=""
	if kill -TERM "$pg" 2>/dev/null; then
		for _ in $(seq 1 50); do
			kill -0 "$pg" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pg" 2>/dev/null; then
			log "app still running 5 s after SIGTERM: SIGKILL"
			kill -KILL "$pg" 2>/dev/null || true
		else
			log "app stopped on SIGTERM"
		fi
	fi
	sleep 0.2
	kill -KILL -- "-$pg" 2>/dev/null || true
	wait "$pg" 2>/dev/null || true
}

free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$(( 20000 + RANDOM % 20000 ))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
	done
	fail "no free port found"
}

pss_kb() { # PSS of a process group, in kB
	local total=0 pid v
	for pid in $(pgrep -g "$1" 2>/dev/null); do
		v=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
		total=$(( total + ${v:-0} ))
	done
	echo "$total"
}

log "binary: $BIN ($("$BIN" version 2>/dev/null | head -n1 || echo '?'))"
log "display: $DISPLAY, data: $DATA"

t=$(date +%s%N)
"$BIN" demo --data "$DATA" >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log" >&2; fail "kizuna demo failed"; }
log "demo data seeded in $(( ($(date +%s%N) - t) / 1000000 )) ms: $(tail -n1 "$WORK/demo.log")"

import -window root "$OUT/desktop-blank.png" || fail "cannot take a screenshot of display $DISPLAY (ImageMagick import)"

# The portal listener's address: a free port when the binary takes --addr
# for the desktop mode, else its default (then /healthz is checked only when
# that port was free).
args=(--data "$DATA")
check_health=1
if "$BIN" --help 2>&1 | grep -q -- '--addr'; then
	ADDR="127.0.0.1:$(free_port)"
	args+=(--addr "$ADDR")
else
	ADDR="${KIZUNA_SMOKE_DEFAULT_ADDR:-127.0.0.1:8080}"
	if (exec 3<>"/dev/tcp/${ADDR%:*}/${ADDR##*:}") 2>/dev/null; then
		log "warning: $ADDR is taken by another program and this binary has no --addr: not checking /healthz"
		check_health=0
	fi
fi
start=$(date +%s%N)
# setsid: the app leads its own process group, so that stop_app reaches the
# WebKit helper processes too and nothing else.
KIZUNA_DESKTOP_PROBE="$PROBE" setsid "$BIN" "${args[@]}" >"$APPLOG" 2>&1 &
app_pgid=$!
log "started pid $app_pgid, portal listener $ADDR"

ms_since_start() { echo $(( ($(date +%s%N) - start) / 1000000 )); }

healthy=""
deadline=$(( $(date +%s) + TIMEOUT ))
while [ "$(date +%s)" -lt "$deadline" ]; do
	kill -0 "$app_pgid" 2>/dev/null || { cat "$APPLOG" >&2; fail "the app exited early"; }
	if [ "$check_health" = 0 ]; then healthy=skipped; fi
	if [ -z "$healthy" ] && curl -fsS --max-time 2 "http://$ADDR/healthz" 2>/dev/null | grep -q '"ok"'; then
		healthy=$(ms_since_start)
		log "GET /healthz ok after ${healthy} ms"
	fi
	[ -n "$healthy" ] && [ -s "$PROBE" ] && break
	sleep 0.2
done
[ -n "$healthy" ] || { cat "$APPLOG" >&2; fail "http://$ADDR/healthz did not answer within ${TIMEOUT} s"; }
[ -s "$PROBE" ] || { import -window root "$OUT/desktop.png" || true; cat "$APPLOG" >&2; fail "the window did not report a rendered page within ${TIMEOUT} s (screenshot: test-results/desktop.png)"; }
rendered=$(ms_since_start)
log "page rendered and settled after ${rendered} ms"
sleep 0.5 # let the last frame reach the X server
import -window root "$OUT/desktop.png"
cp "$PROBE" "$OUT/desktop-probe.json"
log "memory (PSS, app + WebKit processes): $(( $(pss_kb "$app_pgid") / 1024 )) MB"

# ------------------------------------------------------------- checks ---
failures=0
check() { # check DESCRIPTION CONDITION...
	local what="$1"; shift
	if "$@"; then log "ok: $what"; else log "NOT OK: $what"; failures=$((failures + 1)); fi
}

json_field() { # crude but dependency-free: the probe is one JSON object
	sed -n "s/.*\"$1\":\(\"\([^\"\\\\]\|\\\\.\)*\"\|true\|false\).*/\1/p" "$PROBE" | head -n1
}
page_path=$(json_field path | tr -d '"')
page_go=$(json_field go)
page_text=$(json_field text | sed 's/^"//; s/"$//; s/\\n/\n/g')
log "page: path=$page_path bindings=$page_go title=$(json_field title)"
log "page text (first lines): $(printf '%s' "$page_text" | head -n 6 | tr '\n' '|')"

check "page is the HR console (path $page_path)" [ "${page_path#/console}" != "$page_path" ]
check "Wails bindings present (window.go.desktop.Shell)" [ "$page_go" = true ]
check "page text is long enough (${#page_text} chars)" [ "${#page_text}" -ge 30 ]
check "page text is Japanese" grep -qP '[\x{3040}-\x{30ff}\x{4e00}-\x{9fff}]' <<<"$page_text"
check "page text has no error or login markers" bash -c '! grep -qE "$1" <<<"$2"' _ "$FORBIDDEN" "$page_text"
check "page text matches /$EXPECT/" grep -qE "$EXPECT" <<<"$page_text"

read -r w h colours stddev < <(identify -format '%w %h %k %[fx:standard_deviation]\n' "$OUT/desktop.png" 2>/dev/null || echo "1 1 0 0") || true
[[ "$w $h $colours" =~ ^[0-9]+\ [0-9]+\ [0-9]+$ ]] || { w=1 h=1 colours=0 stddev=0; log "identify could not read the screenshot"; }
changed=$(compare -metric AE "$OUT/desktop-blank.png" "$OUT/desktop.png" null: 2>&1 >/dev/null | awk '{print int($1)}' || true)
log "screenshot ${w}x${h}: ${colours} colours, std deviation ${stddev}, ${changed} pixels differ from the empty display"
check "screenshot differs from the empty display in over half its pixels" [ "${changed:-0}" -gt $(( w * h / 2 )) ]
check "screenshot is not blank or near-uniform (colours ${colours} >= 200)" [ "$colours" -ge 200 ]
check "screenshot has contrast (std deviation ${stddev} >= 0.03)" awk -v s="$stddev" 'BEGIN { exit !(s >= 0.03) }'

if [ "$failures" -gt 0 ]; then
	log "application log: $APPLOG; screenshot: test-results/desktop.png"
	echo "desktop smoke: 0 passed, 1 failed"
	exit 1
fi
stop_app
log "screenshot: test-results/desktop.png; time to healthz ${healthy} ms, to rendered console ${rendered} ms"
echo "desktop smoke: 1 passed, 0 failed"
