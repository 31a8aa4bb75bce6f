"""Return: can the rescuer bring the crew to Earth or to a safe haven? (RET)"""
