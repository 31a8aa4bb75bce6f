"""Communications: can the two vehicles and their crews talk? (COMM)"""
