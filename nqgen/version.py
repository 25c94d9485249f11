"""nqgen's version (phiên bản): recorded in every Plan (``meta.nqgen_version``), re-exported as
``nqgen.__version__`` and read by pyproject.toml (one home for the number)."""

__version__ = "0.1.0"
