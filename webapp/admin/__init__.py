"""The directory admin's pages: sign-in, upload, review, import, pull, history, quality.

``views`` is the admin blueprint (upload, review, import, pull, history), ``uploads`` keeps
uploaded files, ``pulls`` checks an HSDS API's URL and pulls from it, ``jobs`` runs checks,
imports and pulls in the background, ``auth`` and ``throttle`` sign the admin in,
``quality`` is the data-quality page and ``report_csv`` the validation report as CSV.
Templates are in ``templates/admin/``.

May import: the library and the modules at the web app's root. Never ``webapp.case`` or
``webapp.api``.
"""
