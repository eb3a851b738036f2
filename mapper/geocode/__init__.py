"""Offline geocoding: GeoNames gazetteer, place-name folding, approximate regions."""
