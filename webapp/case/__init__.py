"""The case manager's pages: search, the needs assessment, resource pages, the referral list.

Each module is one blueprint (or its helpers): ``search``, ``assess`` (with ``screening``,
its form), ``resources``, ``referrals`` (with ``export``, the list as CSV, and ``share``,
its email and text message links, QR codes and the case manager's note), and
``languages`` (the languages the forms offer). Templates are in ``templates/case/``.

May import: the library and the modules at the web app's root (``directory``, ``params``
...). Never ``webapp.admin`` or ``webapp.api``.
"""
