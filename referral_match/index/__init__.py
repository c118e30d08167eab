"""The index: the only code that touches Whoosh, and how resources are stored and filtered.

``whoosh_index`` builds an index in a fresh generation and searches it from many threads,
returning our own types (never Whoosh hits); ``docsets`` keeps, per generation, the sets of
documents per filter value and the points on the map; ``generations`` keeps the index
folder's generations and swaps a new one in atomically.

May import: ``geo`` and the records modules at the package root. Never ``sources``,
``hsds`` or ``ranking``: the index stores records, it does not read or rank them. Only
``whoosh_index`` imports Whoosh.
"""
