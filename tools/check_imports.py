"""Vérifie que les données circulent dans un seul sens entre les modules du paquet (appelé par `make test`).

    python tools/check_imports.py [genre_classifier]

Chaque `import` ou `from … import` d'un module du paquet compte, même à l'intérieur d'une fonction :
- aucun cycle : un module n'importe jamais un module qui l'importe en retour, directement ou par d'autres ;
- aucun import vers le haut : chaque module a sa couche (`LAYERS`, de la base vers le haut), et n'importe que des modules
  de sa couche ou des couches du dessous ; un module qui n'est rangé dans aucune couche est une erreur.
Affiche l'ordre des modules ; sortie 1 et les fautes trouvées sinon. (`__init__`, la façade de l'API, charge les modules
à la demande : il n'est pas une couche.)"""
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


# les couches, de la base vers le haut : un module n'importe que sa couche et celles du dessous
LAYERS = [
    ("socle", ["provenance", "audio", "serialization", "cluster"]),
    ("données", ["data"]),
    ("caractéristiques", ["fastdsp", "featureset", "features", "embeddings", "tables", "extract"]),
    ("modèles", ["preprocess", "protocols", "models", "training", "tuning"]),
    ("paquets et prédiction", ["bundle", "predict", "tags"]),
    ("rapport et commande", ["report", "cli"]),
]


def upward(g: dict[str, set[str]]) -> tuple[list[str], list[str]]:
    "(imports vers une couche plus haute, modules rangés dans aucune couche)."
    layer = {m: k for k, (_, mods) in enumerate(LAYERS) for m in mods}
    unplaced = sorted(m for m in g if m not in layer)
    bad = [f"{a} ({LAYERS[layer[a]][0]}) importe {b} ({LAYERS[layer[b]][0]})" for a in sorted(g) for b in sorted(g[a])
           if a in layer and b in layer and layer[b] > layer[a]]
    return bad, unplaced


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
    bad, unplaced = upward(g)
    for b in bad: print("VERS LE HAUT :", b)
    for m in unplaced: print("SANS COUCHE :", m, "— rangez-le dans LAYERS (tools/check_imports.py)")
    print(f"{len(g)} modules, {sum(map(len, g.values()))} imports internes : {len(found)} cycle(s), {len(bad)} import(s) vers le haut"
          + ("" if found or bad or unplaced else " ; couches : " + " | ".join(f"{n} : {', '.join(m)}" for n, m in LAYERS)))
    sys.exit(1 if found or bad or unplaced else 0)
