"""Ranking: search a directory and match a client to it, with a reason for every result.

``profile`` validates what is known of a client; ``needs`` understands what a client needs
(taxonomy codes, screening domains, plain words); ``eligibility`` checks a resource's rules
against the client (``poverty`` has the federal poverty guidelines); ``search`` ranks a
text search and ``match`` ranks per need and combined; ``results`` are what both return.

May import: ``index`` (its query and snapshot types, never Whoosh itself), ``geo`` and the
records modules at the package root. Never ``sources`` or ``hsds``: ranking works on
records, whatever file they came from.
"""
