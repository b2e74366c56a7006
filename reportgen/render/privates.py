"""Checking that a library still has the private names reportgen's compat modules use."""

from __future__ import annotations

import importlib
import inspect


def missing(private: tuple[tuple[str, str, str], ...]) -> list[str]:
    """The (module, class, attribute) entries the installed libraries lack; an attribute that
    instances set in their methods (``self._y = …``) counts as present. An empty class names a
    module-level attribute."""
    out = []
    for module_name, cls_name, attribute in private:
        module = importlib.import_module(module_name)
        holder = getattr(module, cls_name, None) if cls_name else module
        if holder is None:
            out.append(f"{module_name}.{cls_name}")
            continue
        if not attribute or hasattr(holder, attribute):
            continue
        try:
            source = inspect.getsource(holder)
        except (OSError, TypeError):
            source = ""
        if f"self.{attribute} " not in source and f"self.{attribute}=" not in source:
            out.append(f"{module_name}.{cls_name or '<module>'}.{attribute}")
    return out
