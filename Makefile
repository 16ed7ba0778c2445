# Kizuna — build, test and run. `make help` lists the targets.
#
# One binary: bin/kizuna = HR desktop window (Wails v2) + HTTP server, with
# the front-end (frontend/, React + Vite) embedded.

SHELL        := bash
.SHELLFLAGS  := -eu -o pipefail -c
.DEFAULT_GOAL := build

MODULE   := github.com/kizuna-hr/kizuna
BIN      ?= bin/kizuna
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# WebKitGTK 4.1 (libsoup 3) where its headers exist, else 4.0. The tag matters:
# without one, POST bodies from the window never reach the handler.
WEBKIT_TAG ?= $(shell pkg-config --exists webkit2gtk-4.1 2>/dev/null && echo webkit2_41 || echo webkit2_40)
GO_TAGS   ?= desktop,production,$(WEBKIT_TAG),sqlite_fts5
TEST_TAGS ?= sqlite_fts5
LDFLAGS   ?= -s -w -X $(MODULE)/app/cli.Version=$(VERSION)
CHROMIUM_PATH ?= $(firstword $(wildcard /usr/bin/chromium /snap/bin/chromium /usr/bin/chromium-browser))
BENCH     ?= .
BENCHTIME ?= 1s
BENCHPKGS ?= ./...

export CGO_ENABLED := 1
export CHROMIUM_PATH
export CHROMIUM ?= $(CHROMIUM_PATH)
export KIZUNA_BIN := $(abspath $(BIN))

TIMED := scripts/timed.sh
HAVE_FRONTEND := $(wildcard frontend/package.json)

.PHONY: help deps build frontend go-build test test-go test-frontend test-e2e test-desktop \
	bench run run-demo serve clean proto plugins

help: ## list the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

deps: ## install what this machine lacks (apt packages need root/sudo), check Go and Node, npm install
	@$(TIMED) "deps" scripts/install-deps.sh

build: frontend go-build ## build the front-end and bin/kizuna (desktop + server)

frontend: ## npm install + build the front-end into frontend/dist
ifneq ($(HAVE_FRONTEND),)
	@$(TIMED) "frontend: npm install" npm --prefix frontend install --no-audit --no-fund --loglevel=error
	@$(TIMED) "frontend: build" npm --prefix frontend run build
else
	@echo "frontend/package.json not found: embedding frontend/dist as it is"
endif

go-build: ## build bin/kizuna only (uses the frontend/dist already built)
	@mkdir -p $(dir $(BIN))
	@$(TIMED) "go build ($(GO_TAGS))" go build -tags "$(GO_TAGS)" -ldflags "$(LDFLAGS)" -o $(BIN) .

test: deps test-go test-frontend build test-e2e test-desktop ## install what is missing, then run every test (Go, front-end, e2e, desktop smoke)
	@echo "make test: all test groups passed"

test-go: ## go vet (without the desktop tags: no GTK needed; and with them) and go test
	@$(TIMED) "go vet" go vet -tags "$(TEST_TAGS)" ./...
	@$(TIMED) "go vet (desktop tags)" go vet -tags "$(GO_TAGS)" ./...
	@$(TIMED) "go test" go test -tags "$(TEST_TAGS)" ./...
	@$(TIMED) "go vet + test (sdk module)" bash -c 'cd sdk && go vet ./... && go test ./...'
	@$(TIMED) "go vet + test (plugin modules)" bash -c 'for m in plugins/*/go.mod; do (cd "$$(dirname "$$m")" && go vet ./... && go test ./...) || exit 1; done'

test-frontend: ## front-end type check
ifneq ($(HAVE_FRONTEND),)
	@test -d frontend/node_modules || npm --prefix frontend install --no-audit --no-fund --loglevel=error
	@$(TIMED) "frontend: typecheck" npm --prefix frontend run typecheck
else
	@echo "frontend/package.json not found: skipping the front-end type check"
endif

test-e2e: ## browser end-to-end tests against bin/kizuna (headless Chromium)
ifneq ($(HAVE_FRONTEND),)
	@test -x "$(KIZUNA_BIN)" || { echo "$(KIZUNA_BIN) missing: run make build"; exit 1; }
	@$(TIMED) "frontend: e2e" npm --prefix frontend run e2e
else
	@echo "frontend/package.json not found: skipping the end-to-end tests"
endif

test-desktop: ## desktop smoke test: the real window under Xvfb shows the console (screenshot in test-results/)
	@$(TIMED) "desktop smoke test" test/desktop/smoke.sh

bench: ## Go benchmarks (BENCH=regexp BENCHTIME=1s|Nx BENCHPKGS=./...); output in test-results/bench.txt
	@mkdir -p test-results
	go test -tags "$(TEST_TAGS)" -run '^$$' -bench '$(BENCH)' -benchtime $(BENCHTIME) -benchmem $(BENCHPKGS) | tee test-results/bench.txt

# The plugin contract: protoc comes from apt (protobuf-compiler, `make deps`);
# the Go generators are pinned and installed into bin/tools on demand. The
# generated code is committed, so building and testing never need them.
PROTOC_GEN_GO      ?= google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.6
PROTOC_GEN_GO_GRPC ?= google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.5.1
TOOLS := $(CURDIR)/bin/tools

proto: ## regenerate sdk/proto/*.pb.go from sdk/proto/*.proto
	@command -v protoc >/dev/null || { echo "protoc missing: apt-get install protobuf-compiler (or make deps)"; exit 1; }
	GOBIN=$(TOOLS) go install $(PROTOC_GEN_GO)
	GOBIN=$(TOOLS) go install $(PROTOC_GEN_GO_GRPC)
	cd sdk/proto && PATH="$(TOOLS):$$PATH" protoc -I . --go_out=. --go_opt=paths=source_relative \
		--go-grpc_out=. --go-grpc_opt=paths=source_relative *.proto

plugins: ## build every plugin under plugins/ and sdk/examples/ into dist/plugins/<id>-<version>.tar.gz
	@for m in $(wildcard plugins/*/plugin.json sdk/examples/*/plugin.json); do \
		$(TIMED) "plugin $$(dirname $$m)" go run github.com/kizuna-hr/kizuna/sdk/cmd/kizuna-plugin bundle -o dist/plugins "$$(dirname $$m)"; \
	done

run: ## run bin/kizuna (desktop window when a display exists)
	$(BIN)

serve: ## run bin/kizuna serve (HTTP only)
	$(BIN) serve

run-demo: ## install what is missing, build, seed demo data, open the window or print the URL
	scripts/start-demo.sh

clean: ## remove build outputs
	rm -rf bin test-results dist
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete 2>/dev/null || true
