# nqgen — make demo / make test (see README.md)
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest sysdeps examples clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "Cần Python 3.11 ($(PY))"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

# LibreOffice Writer and Calc (PDF output, layout tests, opening the tracking register),
# Times-metric fonts and pdftoppm; Chromium, its driver and its Vietnamese interface (the browser
# tests of `nqgen serve`); installed only where missing.
sysdeps:
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
	    || ! ls /usr/lib/libreoffice/program/libsclo.so >/dev/null 2>&1 \
	    || ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
	    || [ ! -f /usr/lib/chromium/locales/vi.pak ]; then \
	  echo "Cài LibreOffice, phông chữ, poppler-utils, Chromium và chromium-driver (apt)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation poppler-utils \
	    chromium chromium-driver chromium-l10n >/dev/null; \
	fi

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/nqgen render profiles/xop.yaml -o out/xop.docx --force

lint: $(STAMP)
	$(BIN)/ruff check nqgen tests benchmarks templates

typecheck: $(STAMP)
	$(BIN)/mypy

# Two workers, one test file each (module fixtures are built once); every test runs, the slow
# end-to-end ones included (pytest -m "not slow" leaves them out while developing).
pytest: $(STAMP) sysdeps
	$(BIN)/pytest -q -n 2 --dist loadfile

test: lint typecheck pytest

examples: $(STAMP)
	bash examples/regenerate.sh

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
