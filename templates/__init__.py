"""The docxtpl master templates, shipped as package data ``nqgen.templates`` (see
nqgen/paths.py); ``build.py`` beside this file rebuilds them.

No code: this file only lets ``importlib.resources`` find the folder in an editable install.
"""
