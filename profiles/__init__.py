"""Profiles, unit-kind defaults and the province registry, shipped as package data
``nqgen.profiles`` (see nqgen/paths.py).

No code: this file only lets ``importlib.resources`` find the folder in an editable install.
"""
