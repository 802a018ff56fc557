"""Meetings and agreements."""
