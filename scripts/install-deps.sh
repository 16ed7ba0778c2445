#!/usr/bin/env bash
# Installs what a fresh Debian 12 / Ubuntu 22.04+ machine lacks to build, run
# and test Kizuna: system packages (apt, only those missing), then checks Go
# and Node.js, then the front-end's npm packages. Safe to run again: it
# installs nothing that is already there.
#
# apt needs root: run as root, or as a user who may use sudo.
# Environment:
#   KIZUNA_SKIP_APT=1      do not touch system packages (only report)
#   KIZUNA_SKIP_NPM=1      do not run npm install
#   KIZUNA_DEPS_MINIMAL=1  only what building and running needs (no test tools)
#   KIZUNA_DEPS_EXTRA="a b" more apt packages to ensure
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

cd "$(dirname "$0")/.."
say() { printf '\033[1m[deps]\033[0m %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

GO_MIN=1.26
NODE_MIN=20

# ---------------------------------------------------------------- system ---
os_id="" os_like="" os_version=""
if [ -r /etc/os-release ]; then
	# shellcheck disable=SC1091
	. /etc/os-release
	os_id="${ID:-}" os_like="${ID_LIKE:-}" os_version="${VERSION_ID:-}"
fi
is_ubuntu=0
case "$os_id $os_like" in *ubuntu*) is_ubuntu=1 ;; esac

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

SUDO=()
need_root() {
	if [ "$(id -u)" -eq 0 ]; then
		SUDO=()
	elif command -v sudo >/dev/null 2>&1; then
		say "installing system packages needs root; using sudo"
		SUDO=(sudo DEBIAN_FRONTEND=noninteractive)
	else
		die "installing system packages needs root: run this as root or install sudo (missing: $*)"
	fi
}

apt_updated="${KIZUNA_APT_UPDATED:-0}"
apt_update_once() {
	if [ "$apt_updated" = 0 ]; then
		say "apt-get update"
		"${SUDO[@]}" apt-get update -qq
		apt_updated=1
	fi
}

# apt_has PKG: the package is known to apt (after an update).
apt_has() { apt-cache show "$1" >/dev/null 2>&1; }

if command -v apt-get >/dev/null 2>&1; then
	# Build: C toolchain for cgo (go-sqlite3, Wails), GTK and WebKitGTK headers.
	want=(ca-certificates curl procps git make gcc libc6-dev pkg-config libgtk-3-dev)
	# Run: Japanese fonts, so the window and screenshots show Japanese.
	want+=(fonts-noto-cjk)
	if [ "${KIZUNA_DEPS_MINIMAL:-0}" != 1 ]; then
		# Tests: virtual display and screenshots for the desktop smoke test,
		# a browser for the end-to-end tests, protoc for plugins, postfix's
		# smtp-sink as an independent mail sink.
		want+=(xvfb xauth imagemagick protobuf-compiler postfix)
		if [ "$is_ubuntu" = 1 ]; then
			# Ubuntu's chromium / chromium-browser debs only install the snap:
			# they do not work in containers or CI. Install it yourself with
			# `snap install chromium` and set CHROMIUM_PATH=/snap/bin/chromium.
			if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
				say "note: on Ubuntu the chromium package is a snap shim; for the browser tests run"
				say "      'sudo snap install chromium' and export CHROMIUM_PATH=/snap/bin/chromium"
			fi
		else
			want+=(chromium)
		fi
	fi

	# shellcheck disable=SC2206
	want+=(${KIZUNA_DEPS_EXTRA:-})

	# WebKitGTK: 4.1 (libsoup 3; Debian 12, Ubuntu 22.04+) else 4.0.
	webkit=""
	if pkg_installed libwebkit2gtk-4.1-dev; then
		webkit=libwebkit2gtk-4.1-dev
	elif pkg_installed libwebkit2gtk-4.0-dev; then
		webkit=libwebkit2gtk-4.0-dev
	fi

	missing=()
	for p in "${want[@]}"; do pkg_installed "$p" || missing+=("$p"); done

	if [ -z "$webkit" ] || [ ${#missing[@]} -gt 0 ]; then
		if [ "${KIZUNA_SKIP_APT:-0}" = 1 ]; then
			die "missing system packages: ${missing[*]} ${webkit:-libwebkit2gtk-4.1-dev} (KIZUNA_SKIP_APT=1)"
		fi
		need_root "${missing[*]}"
		apt_update_once
		if [ -z "$webkit" ]; then
			if apt_has libwebkit2gtk-4.1-dev; then
				webkit=libwebkit2gtk-4.1-dev
			elif apt_has libwebkit2gtk-4.0-dev; then
				webkit=libwebkit2gtk-4.0-dev
				say "libwebkit2gtk-4.1-dev is not available here; using 4.0 (build tag webkit2_40)"
			else
				die "neither libwebkit2gtk-4.1-dev nor libwebkit2gtk-4.0-dev is available from apt"
			fi
			missing+=("$webkit")
		fi
		case " ${missing[*]} " in *" postfix "*)
			# Only postfix's smtp-sink is used (by tests): do not configure a
			# mail server on this machine.
			echo "postfix postfix/main_mailer_type select No configuration" |
				"${SUDO[@]}" debconf-set-selections
			;;
		esac
		say "installing: ${missing[*]}"
		"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
		say "system packages installed"
	else
		say "system packages: all present"
	fi
else
	say "apt-get not found: install yourself a C compiler, pkg-config, GTK 3 and WebKitGTK 4.1 (or 4.0)"
	say "development files, Xvfb, xauth, ImageMagick, Noto CJK fonts and Chromium"
fi

# -------------------------------------------------------------------- Go ---
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
	export PATH="/usr/local/go/bin:$PATH"
	say "note: Go found in /usr/local/go/bin; add it to your PATH"
fi
command -v go >/dev/null 2>&1 ||
	die "Go ${GO_MIN}+ is not installed. Install it from https://go.dev/dl/ (Debian's golang package is too old) and add /usr/local/go/bin to PATH"
gov="$(go env GOVERSION | sed 's/^go//')"
version_ge "$gov" "$GO_MIN" || die "Go $gov is too old: Kizuna needs Go ${GO_MIN} or newer (https://go.dev/dl/)"
[ "$(go env CGO_ENABLED)" = 1 ] || say "warning: CGO_ENABLED is not 1; the build sets CGO_ENABLED=1 itself"
say "go $gov"

# ------------------------------------------------------------------ Node ---
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	die "Node.js ${NODE_MIN}+ with npm is not installed (Debian 12's nodejs is 18, too old for Vite): install Node.js ${NODE_MIN} or newer, e.g. from nodejs.org or NodeSource"
fi
nodev="$(node --version | sed 's/^v//')"
version_ge "$nodev" "$NODE_MIN" || die "Node.js $nodev is too old: the front-end build needs Node.js ${NODE_MIN}.19 or newer"
say "node $nodev, npm $(npm --version)"

# ------------------------------------------------------------------- npm ---
if [ "${KIZUNA_SKIP_NPM:-0}" != 1 ] && [ -f frontend/package.json ]; then
	# npm install, not npm ci: the lock file here lacks optional platform
	# packages the registry does not offer, and npm ci refuses that.
	say "npm install (frontend)"
	npm --prefix frontend install --no-audit --no-fund --loglevel=error
fi
say "done"
