"""Vérifie que les modules du paquet ne s'importent pas en cercle (appelé par `make test`).

    python tools/check_imports.py [genre_classifier]

Chaque `import` ou `from … import` d'un module du paquet compte, même à l'intérieur d'une fonction : un module n'importe
jamais un module qui l'importe en retour, directement ou par d'autres. Affiche l'ordre des modules (de la base vers le
haut) ; sortie 1 et les cycles trouvés sinon."""
import ast
import sys
from pathlib import Path


def edges(pkg: Path) -> dict[str, set[str]]:
    "Pour chaque module de `pkg`, les modules du paquet qu'il importe (n'importe où dans son code)."
    mods = {p.stem for p in pkg.glob("*.py") if not p.stem.startswith("_")}
    out = {m: set() for m in mods}
    name = pkg.name
    for m in mods:
        for n in ast.walk(ast.parse((pkg / f"{m}.py").read_text(encoding="utf-8"))):
            cands = []
            if isinstance(n, ast.ImportFrom):
                mod = n.module or ""
                if n.level == 1: cands = [mod.split(".")[0]] if mod else [a.name for a in n.names]
                elif mod.startswith(name + "."): cands = [mod.split(".")[1]]
                elif mod == name: cands = [a.name for a in n.names]
            elif isinstance(n, ast.Import):
                cands = [a.name.split(".")[1] for a in n.names if a.name.startswith(name + ".")]
            out[m] |= {c for c in cands if c in mods and c != m}
    return out


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    "Les composantes fortement connexes de plus d'un module (algorithme de Tarjan)."
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
        for w in sorted(g[v]):
            if w not in index: visit(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: found.append(sorted(comp))
    for v in sorted(g):
        if v not in index: visit(v)
    return found


def layers(g: dict[str, set[str]]) -> list[str]:
    "Les modules dans l'ordre où les données circulent : chacun après ceux qu'il importe."
    done, order = set(), []
    while len(done) < len(g):
        ready = sorted(m for m in g if m not in done and g[m] <= done)
        if not ready: break
        order += ready; done |= set(ready)
    return order


if __name__ == "__main__":
    pkg = Path(sys.argv[1] if len(sys.argv) > 1 else "genre_classifier")
    g = edges(pkg)
    found = cycles(g)
    for c in found:
        print("CYCLE :", " ↔ ".join(c), "—", "; ".join(f"{a} importe {', '.join(sorted(g[a] & set(c)))}" for a in c))
    print(f"{len(g)} modules, {sum(map(len, g.values()))} imports internes : " +
          (f"{len(found)} cycle(s)" if found else "aucun cycle ; ordre : " + " → ".join(layers(g))))
    sys.exit(1 if found else 0)
