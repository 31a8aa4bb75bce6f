"""Consumables: oxygen, water and food for everyone until home. (CONS)"""
