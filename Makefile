# fedcat: the commands people run. `make demo` and `make test` install what they need first.
SWIFT ?= swift
PREFIX ?= /usr/local
DEMO_DIR ?= .demo

.PHONY: all deps build release test sweep fuzz demo install bench bench-quick bench-million clean help

all: build

help:
	@echo "make demo     harvest the bundled sample portals over loopback HTTP and search them"
	@echo "make test     run the whole test suite"
	@echo "make build    debug build"
	@echo "make release  optimised build of the fedcat binary"
	@echo "make bench   every stage against its peers (N=100000 CKAN fetch/harvest/index/search, DCAT_N='10000 100000' DCAT vs rdflib, rapper, serdi, OAI_N=100000 and CSW_N=20000 vs lxml, EXPORT_N=100000 exports); table in docs/benchmarks.md"
	@echo "make bench-quick   the same at 10,000 records"
	@echo "make bench-million N=1000000 PARTS=10: harvest N datasets as PARTS sources, search and export them; docs/benchmarks-million.md"
	@echo "make sweep    harvest every file of ../shared/corpus (or \$$FEDCAT_CORPUS) over loopback, compare with sweep/expected.tsv"
	@echo "make fuzz     run each parser's libFuzzer target for SECONDS seconds (default 60)"
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
	@# Test fixtures (databases, catalogues, scratch folders) go to a folder of this run, removed after it, so
	@# repeated runs do not fill /tmp.
	@scratch="$$(mktemp -d "$${TMPDIR:-/tmp}/fedcat-tests.XXXXXX")"; \
	TMPDIR="$$scratch" $(SWIFT) test --skip-build; status=$$?; rm -rf "$$scratch"; exit $$status

sweep: deps
	$(SWIFT) build --product fedcat
	$(SWIFT) build --product sample-portal
	python3 scripts/sweep.py "$$($(SWIFT) build --show-bin-path)"

fuzz: deps
	scripts/fuzz.sh $(or $(SECONDS),60)

demo: deps
	$(SWIFT) build
	DEMO_DIR=$(DEMO_DIR) scripts/demo.sh "$$($(SWIFT) build --show-bin-path)"

install: release
	install -d "$(PREFIX)/bin"
	install -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/fedcat" "$(PREFIX)/bin/fedcat"
	@echo "installed $(PREFIX)/bin/fedcat"

bench: deps
	N=$(or $(N),100000) DCAT_N="$(or $(DCAT_N),10000 100000)" OAI_N=$(or $(OAI_N),100000) CSW_N=$(or $(CSW_N),20000) DATAJSON_N=$(or $(DATAJSON_N),370000) bench/all.sh

bench-quick: deps
	bench/all.sh --quick

# The catalogue at a million datasets (about an hour, 30 GB of disk): harvest as PARTS sources, search, export.
bench-million: deps
	bench/million.sh $(or $(N),1000000) $(or $(PARTS),10) | tee .build-bench-data/million.log
	python3 bench/table.py --command "make bench-million N=$(or $(N),1000000) PARTS=$(or $(PARTS),10)" \
		< .build-bench-data/million.log > docs/benchmarks-million.md
	cat docs/benchmarks-million.md

clean:
	rm -rf .build $(DEMO_DIR)
