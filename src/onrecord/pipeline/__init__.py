"""Composes the per-article stages and runs them over many inputs.

Import the submodules you need (`onrecord.pipeline.run`); this package imports
nothing heavy, so `import onrecord` stays free of spaCy.
"""
