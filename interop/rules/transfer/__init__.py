"""Transfer: can the crew pass through the path between the cabins? (XFER)"""
