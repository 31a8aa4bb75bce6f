"""Power: can the docked vehicles share power? (PWR)"""
