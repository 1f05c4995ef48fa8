"""Use cases of the web service: each function owns its session work and its commit."""
