"""The directory admin's pages: sign-in, upload, validation review, import, history, quality.

``views`` is the admin blueprint (upload, review, import, history), ``uploads`` keeps
uploaded files, ``jobs`` runs their checks and imports in the background, ``auth`` and
``throttle`` sign the admin in, ``quality`` is the data-quality page and ``report_csv``
the validation report as CSV. Templates are in ``templates/admin/``.

May import: the library and the modules at the web app's root. Never ``webapp.case`` or
``webapp.api``.
"""
