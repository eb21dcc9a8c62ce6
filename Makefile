# routesim: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
EXAMPLE ?= topologies/null0-peering/topology.yml
BIN = .build/release/routesim

.PHONY: deps test-deps build release demo test fuzz fuzz-smoke test-notraits bench docs-images clean dist install

# System packages, installed only when missing. Graphviz: libgvc renders diagrams in-process
# (the default `Graphviz` package trait links it), the `dot` program is the fallback.
deps:
	@if ! dpkg -s libgraphviz-dev graphviz >/dev/null 2>&1; then \
		echo "installing libgraphviz-dev graphviz"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgraphviz-dev graphviz >/dev/null; \
	fi

# The tests also open the review page in a real headless browser (Debian's chromium), and
# run in-process Graphviz under valgrind (Tests/CLITests/GraphvizMemoryTests.swift).
test-deps: deps
	@if ! command -v valgrind >/dev/null 2>&1; then \
		echo "installing valgrind (memory check of the in-process Graphviz renders)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind >/dev/null; \
	fi
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "installing chromium (headless browser test of routesim report)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
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
	@echo "== the same failure as a diagram, and the whole failure review as one HTML page =="
	@mkdir -p .build/demo
	$(BIN) draw $(EXAMPLE) --fail R1-R2 -o .build/demo/null0-peering-R1-R2.svg
	$(BIN) report $(EXAMPLE) -o .build/demo/review.html
	@echo "== the same network as IOS configs: lint, then the failure sweep built from them =="
	@# lint exits 1 here: the example has the error it is about (the unconditional Null0 pin)
	$(BIN) lint examples/null0-peering-configs || [ $$? -eq 1 ]
	$(BIN) failures --configs examples/null0-peering-configs | head -6
	$(BIN) failures --configs examples/null0-peering-conditional-configs | grep 'link R1-R2' | head -1

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	scripts/check-formats.sh .build/debug/routesim
	$(MAKE) fuzz-smoke
	$(MAKE) dist

# libFuzzer + AddressSanitizer harnesses (docs/fuzzing.md). `make fuzz FUZZ_SECONDS=600` for a
# real session; the smoke run in `make test` keeps them building and catches shallow crashes.
FUZZ_SECONDS ?= 30
FUZZ_SMOKE_SECONDS ?= 15
fuzz: deps
	SWIFT=$(SWIFT) scripts/fuzz.sh $(FUZZ_SECONDS)

fuzz-smoke: deps
	SWIFT=$(SWIFT) scripts/fuzz.sh $(FUZZ_SMOKE_SECONDS)

bench: release
	scripts/bench.sh
	scripts/bench-lint.sh

# The README's picture, made by the tool itself.
docs-images: release
	$(BIN) draw $(EXAMPLE) --fail R1-R2 -o docs/images/null0-peering-R1-R2.png
	@# The review page as a browser shows it (needs chromium: make test-deps).
	$(BIN) report $(EXAMPLE) -o .build/review-for-docs.html
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=.build/chromium-docs \
		--window-size=1100,1500 --screenshot=docs/images/review-page.png file://$(CURDIR)/.build/review-for-docs.html

# A binary for machines without Swift (static Swift runtime, no libgvc: docs/install.md), with
# man pages and shell completions, as dist/routesim-VERSION-linux-ARCH.tar.gz; checked by running
# it with the toolchain hidden.
dist:
	SWIFT=$(SWIFT) scripts/dist.sh

# make install PREFIX=/usr/local (DESTDIR for staging): the dist tree's bin/ and share/.
PREFIX ?= /usr/local
install: dist
	@stage=$$(ls -d dist/routesim-*-linux-$$(uname -m) | tail -1); \
	mkdir -p $(DESTDIR)$(PREFIX) && cp -R $$stage/bin $$stage/share $(DESTDIR)$(PREFIX)/ && \
	echo "installed $$stage into $(DESTDIR)$(PREFIX)"

clean:
	rm -rf .build dist

# The degraded build without libgvc (renders through the `dot` program, else writes DOT text).
test-notraits: deps
	$(SWIFT) build --disable-default-traits --scratch-path .build-notraits
	PATH=/nonexistent .build-notraits/debug/routesim draw $(EXAMPLE) -o .build-notraits/fallback.svg
	test -s .build-notraits/fallback.dot
	.build-notraits/debug/routesim draw $(EXAMPLE) -o .build-notraits/program.svg
