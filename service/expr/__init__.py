"""The condition language: parse rule text into a checked tree, compile it to closures and to
generated Python (``codegen``).

Imports nothing from adhikar but ``service.errors``; the rules loader and the engine build on it.
"""
