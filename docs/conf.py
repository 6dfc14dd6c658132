"""Sphinx configuration for vitk2 (Sphinx + MyST + Furo, as attrs, stamina and whenever use)."""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "vitk2"
author = "the vitk2 developers"
copyright = "2026, the vitk2 developers"
release = _version("vitk2")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "vitk2_sources",
    "vitk2_authorities",
    "vitk2_api",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {
    "members": True,
    "show-inheritance": True,
    # Inherited methods (Amount.in_units, DailyDose.micrograms) are shown; the builtins' are not.
    "inherited-members": "BaseException,ImportError,Enum,str,int,float,tuple,dict,Protocol",
}
autodoc_preserve_defaults = True
# Objects are documented once, at their public path (vitk2.X), not at the private module.
add_module_names = False

# No intersphinx: CI builds without network access, and a failed inventory fetch is a warning.

html_theme = "furo"
html_title = f"vitk2 {release}"
html_static_path: list[str] = []
