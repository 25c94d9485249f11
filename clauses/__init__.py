"""The clause library, shipped as package data ``nqgen.clauses`` (see nqgen/paths.py).

No code: this file only lets ``importlib.resources`` find the folder in an editable install.
"""
