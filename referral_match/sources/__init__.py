"""Sources: flat CSV files and mapped exports in, Resource records and their report out.

``csvfile`` reads a CSV file as admins really make them (any encoding, decided on the whole
file by ``charset``; any delimiter); ``fields`` parses one cell into a typed value;
``schemas`` (marshmallow) turns a row into a :class:`~referral_match.model.Resource`;
``flat`` reads the flat format and ``mapping`` a raw export through a mapping file (drafted
by ``mapping_draft``), both reporting every rejected row with its file and line.
``archive`` unpacks a zip safely, for the command line and the admin upload alike.

May import: the records modules at the package root (``errors``, ``model``, ``report``,
``schedule``, ``schedule_dates``, ``taxonomy``, ``languages``) and ``geo``. Produces records
and never builds the index: no ``index``, ``ranking`` or ``hsds`` import, and no Whoosh.
"""
