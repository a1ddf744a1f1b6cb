# fedcat: the commands people run. `make demo` and `make test` install what they need first.
SWIFT ?= swift
PREFIX ?= /usr/local
DEMO_DIR ?= .demo

.PHONY: all deps build release test demo install bench clean help

all: build

help:
	@echo "make demo     harvest the bundled sample portals over loopback HTTP and search them"
	@echo "make test     run the whole test suite"
	@echo "make build    debug build"
	@echo "make release  optimised build of the fedcat binary"
	@echo "make bench    CKAN harvest against the Python peer (N=20000), DCAT parse+map against rdflib, rapper, serdi (DCAT_N=10000), OAI-PMH and CSW read+map against lxml (OAI_N=100000, CSW_N=20000), export to Turtle and NDJSON (EXPORT_N=100000)"
	@echo "make install  copy the release binary to \$$(PREFIX)/bin (PREFIX=$(PREFIX))"

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product fedcat

test: deps
	@scripts/test-tools.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: deps
	$(SWIFT) build
	DEMO_DIR=$(DEMO_DIR) scripts/demo.sh "$$($(SWIFT) build --show-bin-path)"

install: release
	install -d "$(PREFIX)/bin"
	install -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/fedcat" "$(PREFIX)/bin/fedcat"
	@echo "installed $(PREFIX)/bin/fedcat"

bench: deps
	bench/ckan-harvest.sh $(or $(N),20000)
	bench/dcat-parse.sh $(or $(DCAT_N),10000)
	bench/xml-parse.sh oai $(or $(OAI_N),100000)
	bench/xml-parse.sh csw $(or $(CSW_N),20000)
	bench/export.sh $(or $(EXPORT_N),100000)

clean:
	rm -rf .build $(DEMO_DIR)
