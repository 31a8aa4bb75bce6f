"""Docking: can the two vehicles be joined, directly, through adapters, or by EVA? (DOCK)"""
