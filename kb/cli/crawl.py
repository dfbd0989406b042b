"""Commands of this capability; see kb/cli/__init__.py for conventions."""
COMMANDS: list = []
