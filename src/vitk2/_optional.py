"""Optional dependencies: features that need a package vitk2 does not install by default.

A feature calls :func:`require` before importing its package, so a missing package is a clear
:class:`OptionalDependencyError` naming the extra to install, not a bare ``ImportError``.
"""

from __future__ import annotations

from vitk2._errors import OptionalDependencyError

__all__ = ["OptionalDependencyError", "require"]


def require(module: str, extra: str, feature: str) -> None:
    """Raise :class:`OptionalDependencyError` unless *module* can be imported.

    *extra* is the name in ``pip install 'vitk2[extra]'``; *feature* names what needs it.

    >>> require("json", "none", "this example")
    >>> require("no_such_package_vitk2", "ical", "to_ical()")
    Traceback (most recent call last):
    ...
    vitk2.OptionalDependencyError: to_ical() needs the optional package 'no_such_package_vitk2': pip install 'vitk2[ical]'
    """  # noqa: E501
    import importlib.util  # noqa: PLC0415

    if importlib.util.find_spec(module) is None:
        msg = f"{feature} needs the optional package {module!r}: pip install 'vitk2[{extra}]'"
        raise OptionalDependencyError(msg)
