"""Geography: where a client or a resource is, and how far apart they are.

``places`` (the Place type, US state, county and ZIP names, distances), ``gazetteer`` (US
ZIP codes and cities offline, and reading what a person typed as a place), ``grid`` (points
within a radius, fast) and ``geocoding`` (opt-in online geocoders, cached).

May import: ``referral_match.errors`` only; nothing from the other folders. Only
``geocoding`` imports geopy's geocoders (``places`` and ``gazetteer`` use geopy's Location
and Point types); nothing here goes online unless an online geocoder is configured.
"""
