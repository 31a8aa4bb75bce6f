"""Crew: seats, suits, liners, life support and a pilot for everyone aboard. (CREW)"""
