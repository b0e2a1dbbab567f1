"""Model Citizen: a tabletop game about living one year under a points-based score."""

__version__ = "0.1.0"
