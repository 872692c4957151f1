# The two commands of the README: `make run` (service with demo data) and `make test` (the whole suite).
# REVIEW_HOME is left as it is (by default ~/.local/share/review), so `review ...` typed later finds the same data
HOST ?= 127.0.0.1
PORT ?= 8000
REVIEW := .venv/bin/review

.PHONY: run test install install-test

run: install
	$(REVIEW) demo
	@echo "review: open http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(REVIEW) serve --host $(HOST) --port $(PORT)

test: install-test
	scripts/services.sh
	.venv/bin/pytest

install:
	scripts/bootstrap.sh

install-test:
	scripts/bootstrap.sh --test
