.PHONY: build test test-postgres serve migrate format ci

build:
	swift build

test:
	swift test

# A throwaway PostgreSQL for one run of the suite.
test-postgres:
	@eval "$$(scripts/test-postgres.sh start)"; \
	trap 'scripts/test-postgres.sh stop "$$PLOTON_TEST_PG_DIR"' EXIT; \
	PLOTON_TEST_DB=postgres swift test

serve:
	swift run ploton serve

migrate:
	swift run ploton migrate

format:
	swift format --in-place --recursive Sources Tests Package.swift

ci:
	bash .ci/run
