"""Open Referral in and out: HSDS 3.0, 2.0 and 1.1 tabular packages, Ohana CSV, HSDS export.

Reading: ``package_files`` finds a package's CSV files (folder, zip, ``datapackage.json``),
``tables`` indexes their rows by id, ``fields`` turns HSDS cells into our values,
``records`` joins rows into resources, ``row_problems`` reports what could not be used,
``read`` is the entry point, and ``ohana`` reads an Ohana export with the same parts.
``json_read`` reads HSDS 3.0 JSON (an array of nested services, or NDJSON), with
``json_tables`` flattening each service into the same tables' rows.
``api_pull`` pulls a directory from an HSDS 3.0 API (``import URL``) through those readers.
Writing: ``rows`` turns resources into HSDS 3.0 rows with stable ids, ``package`` lays out
the files, ``export`` writes them. The API we publish (``webapp/hsds_api``) is built from
``api_catalog`` (records once per generation), ``api_records`` (their nesting), ``api_ids``,
``api_query`` and ``api_search`` (filters), and ``api_pages`` (paging).

May import: ``sources`` (the CSV reader, cell parsers, schemas), ``geo`` and the records
modules at the package root. Produces records and never builds the index: no ``index`` or
``ranking`` import, and no Whoosh.
"""
