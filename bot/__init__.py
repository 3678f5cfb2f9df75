"""Heartstopper Forever fan bot."""

__version__ = "0.1.0"
