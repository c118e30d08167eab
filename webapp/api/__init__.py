"""The JSON API for other programs: ``/api/v1/`` search, match, resources and taxonomy.

``views`` is the blueprint and its OpenAPI document; ``schemas`` (marshmallow) says what
requests may hold and what responses look like. Results have the CLI's ``--json`` shape.

May import: the library and the modules at the web app's root. Never ``webapp.case`` or
``webapp.admin``.
"""
