"""``nqgen serve``: the wizard, the checker and the downloads in a web browser (giao diện web).

The same question definitions as the terminal wizard (:mod:`nqgen.questions`) drawn as HTML
forms, the same API (:mod:`nqgen.api`), renderer and checker (:mod:`nqgen.check`); this
package only draws pages and keeps each visitor's files:

- :mod:`nqgen.web.app` — the Starlette application and its routes (Vietnamese pages);
- :mod:`nqgen.web.form` — a question as form fields, and a posted form back as the raw answer
  :func:`nqgen.questions.check` takes;
- :mod:`nqgen.web.visitors` — each visitor's private folder (cookie, CSRF token, expiry);
- :mod:`nqgen.web.serve` — ``nqgen serve``: binds the address, warns, runs uvicorn.

Templates (Jinja2, autoescaped) and static files (CSS, one small script) are package data
under ``templates/`` and ``static/``, found with :func:`importlib.resources.files`; nothing is
loaded from another site.
"""
