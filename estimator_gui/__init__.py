"""Offline estimator of out-of-pocket medical cost: home versus other cities."""

__version__ = "0.1.0"
