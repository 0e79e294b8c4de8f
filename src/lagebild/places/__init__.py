"""Places: a gazetteer of cities, countries and regions with German and English names."""

from lagebild.places.gazetteer import Gazetteer, PlaceRecord, load_gazetteer

__all__ = ["Gazetteer", "PlaceRecord", "load_gazetteer"]
