"""Flask blueprints: parse the request, call one service function, render."""
