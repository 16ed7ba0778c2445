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
#   KIZUNA_NO_DOWNLOAD=1   never download Go or Node.js release tarballs
# Go and Node.js: when missing or too old (Debian's packages are), the
# official release tarballs are unpacked into /usr/local (needs root).
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
	want=(ca-certificates curl xz-utils procps git make gcc libc6-dev pkg-config libgtk-3-dev)
	# Run: Japanese fonts, so the window and screenshots show Japanese.
	want+=(fonts-noto-cjk)
	# Run: IPA Gothic, the TrueType font the exit leaflet PDF (app/invitations) is set in.
	want+=(fonts-ipafont-gothic)
	if [ "${KIZUNA_DEPS_MINIMAL:-0}" != 1 ]; then
		# Tests: virtual display and screenshots for the desktop smoke test,
		# a browser for the end-to-end tests, protoc for plugins, postfix's
		# smtp-sink as an independent mail sink, the sqlite3 shell that some
		# browser tests use to look into the data folder.
		want+=(xvfb xauth imagemagick protobuf-compiler postfix sqlite3)
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
# install_toolchain NAME URL DIR: unpack an official release tarball into DIR
# (the distributions' own Go and Node.js packages are too old).
install_toolchain() {
	[ "${KIZUNA_NO_DOWNLOAD:-0}" != 1 ] || die "$1 is missing or too old and KIZUNA_NO_DOWNLOAD=1: install it yourself"
	need_root "$1"
	say "downloading $1 from $2"
	tmp="$(mktemp -d)"
	curl -fsSL "$2" -o "$tmp/release.tar.${2##*.}" || die "could not download $1 ($2): install it yourself"
	"${SUDO[@]}" rm -rf "$3"
	"${SUDO[@]}" mkdir -p "$3"
	"${SUDO[@]}" tar -C "$3" --strip-components=1 -xf "$tmp/release.tar.${2##*.}"
	rm -rf "$tmp"
}
arch="$(uname -m)"
case "$arch" in x86_64) goarch=amd64 nodearch=x64 ;; aarch64) goarch=arm64 nodearch=arm64 ;; *) goarch="$arch" nodearch="$arch" ;; esac

gov="$(command -v go >/dev/null 2>&1 && go env GOVERSION | sed 's/^go//' || echo 0)"
if ! version_ge "$gov" "$GO_MIN"; then
	want_go="$(sed -n 's/^go //p' go.mod)"
	say "Go ${GO_MIN}+ is needed (found: ${gov/#0/none}); installing Go $want_go into /usr/local/go"
	install_toolchain "Go $want_go" "https://go.dev/dl/go${want_go}.linux-${goarch}.tar.gz" /usr/local/go
	export PATH="/usr/local/go/bin:$PATH"
	say "add /usr/local/go/bin to your PATH (e.g. in ~/.profile)"
	gov="$(go env GOVERSION | sed 's/^go//')"
fi
[ "$(go env CGO_ENABLED)" = 1 ] || say "warning: CGO_ENABLED is not 1; the build sets CGO_ENABLED=1 itself"
say "go $gov"

# ------------------------------------------------------------------ Node ---
nodev="$(command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && node --version | sed 's/^v//' || echo 0)"
if ! version_ge "$nodev" "$NODE_MIN"; then
	want_node=v22.12.0
	say "Node.js ${NODE_MIN}+ is needed (found: ${nodev/#0/none}); installing Node.js $want_node into /usr/local/lib/nodejs"
	install_toolchain "Node.js $want_node" "https://nodejs.org/dist/$want_node/node-$want_node-linux-$nodearch.tar.xz" /usr/local/lib/nodejs
	for tool in node npm npx; do "${SUDO[@]}" ln -sf "/usr/local/lib/nodejs/bin/$tool" "/usr/local/bin/$tool"; done
	nodev="$(node --version | sed 's/^v//')"
fi
say "node $nodev, npm $(npm --version)"

# ------------------------------------------------------------------- npm ---
if [ "${KIZUNA_SKIP_NPM:-0}" != 1 ] && [ -f frontend/package.json ]; then
	# npm install, not npm ci: the lock file here lacks optional platform
	# packages the registry does not offer, and npm ci refuses that.
	say "npm install (frontend)"
	npm --prefix frontend install --no-audit --no-fund --loglevel=error
fi
say "done"
