"""How many places each user-facing error message is written (issue 26, item 10): prints figures,
decides nothing. Run it on any checkout to compare:

    .venv/bin/python bench/messages_census.py [path/to/a/checkout]

Counts, in chalicelib/: the error raise sites that write their words out (a message as the first
argument: a literal, an f-string or a constant) and those that name only a code, by layer; and each
message written in more than one place, the catalogue's tables (chalicelib/messages) included, so a
message that moved into the catalogue and still has copies in store/ counts them all.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter, defaultdict
from pathlib import Path

ERRORS = {"LabourspaceError", "InvalidInput", "PayloadTooLarge", "NotSignedIn", "InvalidToken", "Forbidden",
          "NotFound", "Conflict", "StaleVersion", "RateLimited", "DependencyUnavailable"}


def written(node: ast.expr, constants: dict[str, str]) -> str | None:
    """The words of a message argument: a literal, an f-string's literal parts, or a module constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.Name):
        return constants.get(node.id, f"<{node.id}>")
    return None


def census(root: Path) -> None:
    code = root / "chalicelib"
    by_layer: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, list[str]] = defaultdict(list)
    for path in sorted(code.rglob("*.py")):
        layer = path.relative_to(code).parts[0].removesuffix(".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                     for t in n.targets if isinstance(t, ast.Name)
                     if isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
            if layer == "messages" and name == "msg" and len(call.args) == 2:
                places[written(call.args[1], constants) or "?"].append(f"{path.relative_to(root)} (catalogue)")
            if name not in ERRORS or (layer == "domain" and path.name == "errors.py"):
                continue
            if call.args:
                by_layer[layer]["writes its words"] += 1
                places[written(call.args[0], constants) or "?"].append(str(path.relative_to(root)))
            else:
                by_layer[layer]["names a code only"] += 1
    print(f"error raise sites in {root}/chalicelib, by layer:")
    total = Counter[str]()
    for counts in by_layer.values():
        total.update(counts)
    for layer, counts in [*sorted(by_layer.items()), ("all", total)]:
        print(f"  {layer:10} writes its words {counts['writes its words']:3}   "
              f"names a code only {counts['names a code only']:3}")
    repeated = {words: where for words, where in places.items() if len(where) > 1}
    print(f"messages written in more than one place: {len(repeated)}, in {sum(map(len, repeated.values()))} places")
    for words, where in sorted(repeated.items(), key=lambda item: -len(item[1])):
        files = Counter(where)
        print(f"  {len(where)}x {words[:70]!r}: " + ", ".join(f"{f}" + (f" x{n}" if n > 1 else "")
                                                       for f, n in files.items()))


if __name__ == "__main__":
    census(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[1])
