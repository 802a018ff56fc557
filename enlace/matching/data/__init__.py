"""Data files of the matching engine, read with importlib.resources (shipped as package data)."""
