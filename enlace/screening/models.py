"""Watchlist and screening."""
