"""Rendezvous: can the rescuer find and track the distressed vehicle? (RDV)"""
