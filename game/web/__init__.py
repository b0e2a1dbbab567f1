"""The game in a browser: a static site that runs the engine on Pyodide, and its build and server."""
