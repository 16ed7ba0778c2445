#!/usr/bin/env bash
# Kizuna demo in one command, on a fresh Debian 12 / Ubuntu machine:
#   1. installs what is missing (system packages need root or sudo),
#   2. builds bin/kizuna (skipped when it is newer than every source file),
#   3. seeds the demo alumni network into the data folder when it is empty,
#   4. creates an owner login when there is none and prints its password,
#   5. opens the HR desktop window when a display exists, else runs
#      `kizuna serve` and prints the URL.
# Environment: KIZUNA_DATA (data folder; default ~/.local/share/kizuna),
# KIZUNA_ADDR (listen address in server mode; default 127.0.0.1:8080),
# KIZUNA_OWNER_EMAIL (default owner@example.com), KIZUNA_SKIP_DEPS=1,
# KIZUNA_SERVE=1 (server mode even with a display).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BIN="$ROOT/bin/kizuna"
ADDR="${KIZUNA_ADDR:-127.0.0.1:8080}"
OWNER="${KIZUNA_OWNER_EMAIL:-owner@example.com}"
say() { printf '\033[1m[kizuna]\033[0m %s\n' "$*" >&2; }

# 1. dependencies (what building and running needs; `make test` adds the
#    test tools itself)
if [ "${KIZUNA_SKIP_DEPS:-0}" != 1 ]; then
	KIZUNA_DEPS_MINIMAL=1 scripts/install-deps.sh
fi
export PATH="$PATH:/usr/local/go/bin"

# 2. build
stale=1
if [ -x "$BIN" ]; then
	newer=$(find app main.go go.mod go.sum frontend/src frontend/index.html frontend/package.json \
		-newer "$BIN" -print -quit 2>/dev/null || true)
	[ -n "$newer" ] || stale=0
fi
if [ "$stale" = 1 ]; then
	say "building bin/kizuna (first build ≈ 2–3 minutes: cgo SQLite, WebKitGTK bindings, front-end)"
	make build
else
	say "bin/kizuna is up to date"
fi

# 2b. the bundled plugins (dist/plugins): the demo installs the surveys plugin from there
make plugins >/dev/null || say "plugins not bundled (make plugins failed): the demo has no survey"

# 3. demo data (kizuna demo does nothing when alumni exist)
"$BIN" demo

# 4. an owner login
if "$BIN" user --help 2>/dev/null | grep -qE '^\s+list\b' && "$BIN" user list 2>/dev/null | grep -q owner; then
	say "an owner login exists already"
else
	if out=$("$BIN" user create --email "$OWNER" --name "デモ管理者" --role owner 2>&1); then
		password=$(printf '%s\n' "$out" | tail -n1)
		echo
		echo "  オーナーのログイン / owner login (shown only now — write it down):"
		echo "    メール / email:       $OWNER"
		echo "    パスワード / password: $password"
		echo
	else
		say "no new owner login created: $(printf '%s' "$out" | tail -n1)"
		say "(one exists already; create another with: $BIN user create --email YOU@example.com --role owner)"
	fi
fi

# 5. run
display=0
case "$(uname -s)" in
	Linux|*BSD) [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && display=1 ;;
	*) display=1 ;;
esac
if [ "$display" = 1 ] && [ "${KIZUNA_SERVE:-0}" != 1 ]; then
	say "opening the HR desktop window (the alumni portal is served beside it); close the window to stop"
	exec "$BIN"
fi
say "no display here: starting the server"
say "  HR コンソール / HR console: http://$ADDR/console/   (log in with the owner login)"
say "  ポータル / alumni portal:   http://$ADDR/portal/"
say "  stop with Ctrl+C"
exec "$BIN" serve --addr "$ADDR"
