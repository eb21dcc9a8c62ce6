# routesim: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
EXAMPLE ?= topologies/null0-peering/topology.yml
BIN = .build/release/routesim

.PHONY: deps build release demo test bench clean

# System packages: Graphviz renders diagrams (used by `routesim draw`); installed only when missing.
deps:
	@if ! dpkg -s libgraphviz-dev graphviz >/dev/null 2>&1; then \
		echo "installing libgraphviz-dev graphviz"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgraphviz-dev graphviz >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: release
	@echo "== steady state =="
	$(BIN) simulate $(EXAMPLE)
	@echo "== with link R1-R2 failed: server->client is black-holed at R2 =="
	$(BIN) trace $(EXAMPLE) --from server --to client --fail R1-R2

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

bench: release
	scripts/bench.sh

clean:
	rm -rf .build
