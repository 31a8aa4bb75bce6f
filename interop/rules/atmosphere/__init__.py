"""Atmosphere: can the crew breathe on the other side of the hatch? (ATM)"""
