"""Kader: export-control rules that explain their verdicts.

    import kader
    rules = kader.RuleSet.standard()              # or kader.RuleSet.load(["my-rules/"])
    d = rules.evaluate({"id": "EX-1", ...})       # a dict, or the case as JSON text
    d.verdict, d.goals, d.applied, d.missing      # "prohibited", {...}, [...], [...]
    print(d.to_text())
    for d in rules.batch(cases, jobs=2): ...      # in input order, decided without the GIL

A refused rule set or case raises kader.Error; its `diagnostics` lists each
problem with its code (K0703), message, help and place.
"""
import json as _json
import os as _os

from ._kader import Decision, Error, version
from ._kader import RuleSet as _RuleSet

__version__ = version()
__all__ = ["RuleSet", "Decision", "Error", "version", "__version__"]


def _as_text(case):
    if isinstance(case, (str, bytes, bytearray)):
        return case.decode("utf-8") if not isinstance(case, str) else case
    if isinstance(case, dict):
        try:
            return _json.dumps(case, allow_nan=False)
        except (TypeError, ValueError) as e:
            raise Error(f"the case cannot be written as JSON: {e}") from None
    raise TypeError(f"a case is a dict or JSON text, not {type(case).__name__}")


class RuleSet:
    """A loaded, checked rule set. Immutable: share it between threads."""

    __slots__ = ("_rules",)

    def __init__(self, rules):
        self._rules = rules

    @staticmethod
    def standard():
        """The standard rule library built into Kader."""
        return RuleSet(_RuleSet.standard())

    @staticmethod
    def load(paths, stdlib=True):
        """Rule files and folders of *.kader files, with the standard library unless stdlib=False."""
        if isinstance(paths, (str, _os.PathLike)):
            paths = [paths]
        return RuleSet(_RuleSet.load([str(p) for p in paths], stdlib))

    @staticmethod
    def from_strings(sources, stdlib=True):
        """Rules given as {name: text} or [(name, text), ...]."""
        items = list(sources.items()) if isinstance(sources, dict) else list(sources)
        return RuleSet(_RuleSet.from_strings(items, stdlib))

    @property
    def fingerprint(self):
        return self._rules.fingerprint

    @property
    def modules(self):
        return self._rules.modules

    def evaluate(self, case, as_of=None, explain="brief"):
        """Decides one case (a dict or JSON text) as of its own date or `as_of` ("YYYY-MM-DD").

        explain: "brief" (the rules that applied, each with its reason tree), "full" (also
        why every other rule did not apply) or "rules" (the rules that applied, without
        their reason trees: much cheaper, for screening many cases).
        """
        return self._rules.evaluate_text(_as_text(case), as_of, explain)

    def batch(self, cases, jobs=1, as_of=None, explain="brief", errors="raise"):
        """Decides many cases on `jobs` threads, returning the decisions in input order.

        errors="raise" raises kader.Error for the first case that is refused, naming
        its index; errors="return" puts a kader.Error in its place instead.
        """
        if errors not in ("raise", "return"):
            raise ValueError('errors: choose "raise" or "return"')
        texts = [_as_text(c) for c in cases]
        out = self._rules.batch_text(texts, jobs, as_of, explain)
        for i, item in enumerate(out):
            if isinstance(item, list):  # the diagnostics of a refused case
                error = Error(f"case {i}: " + "".join(d["text"] for d in item).rstrip("\n"))
                error.diagnostics = item
                if errors == "raise":
                    raise error
                out[i] = error
        return out

    def __repr__(self):
        return f"<kader.RuleSet {self.fingerprint[:19]}… ({len(self.modules)} modules)>"
