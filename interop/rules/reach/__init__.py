"""Reach: can the rescuer get to the place, with the delta-v, in time? (REACH)"""
