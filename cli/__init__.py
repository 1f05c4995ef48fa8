"""Command-line commands of the Flask app that are not about users or serving."""
