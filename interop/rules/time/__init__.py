"""Time: does the rescue arrive before the crew's supplies run out, and get everyone home in time? (TIME)"""
