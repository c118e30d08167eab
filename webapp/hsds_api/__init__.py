"""The Open Referral HSDS 3.0 API under ``/hsds/``, read-only, as the official openapi.json
defines it: services, organizations, taxonomies, taxonomy terms and service_at_locations,
paged or streamed as newline-delimited JSON.

``views`` is the blueprint; ``params`` reads its query parameters (a bad one is a 400
naming it); ``catalog`` keeps one ``referral_match.hsds.api_catalog.HsdsCatalog`` per index
generation; ``openapi`` writes this API's OpenAPI document, with our server's URL.

May import: the library and the modules at the web app's root. Never ``webapp.case``,
``webapp.admin`` or ``webapp.api``.
"""
