"""Pure-Python core: every decision about money lives here. Never imports Qt."""
