"""``reportgen preview``: the deck and the handout on a local web page, rebuilt as you edit.

``snapshot.py`` builds and renders the images, ``server.py`` serves them, ``run.py`` ties the
server to the file watcher. Starlette and uvicorn come with the ``preview`` extra.
"""
