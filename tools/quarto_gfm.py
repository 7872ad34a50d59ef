#!/usr/bin/env python3
"""Remplaçant minimal de Quarto pour `nbdev_readme` : `quarto render NB.ipynb -o README.md -t gfm --no-execute`.

Quarto est un programme autonome (pas un paquet de PyPI, de Debian ni de npm) ; sans lui, `nbdev_readme` (et donc
`nbdev_prepare`) ne peut pas écrire README.md à partir d'`index.ipynb`. Ce script fait ce seul travail, comme Quarto le
fait pour GitHub : les cellules Markdown telles quelles, le code en bloc ```` ```python ````, les sorties texte en bloc
indenté, les tableaux HTML (DataFrame) tels quels, sans leur `<style>`, les images en fichiers `index_files/…`. Il respecte
les directives de cellule `#| echo: false`, `#| output: false` et `#| include: false`. `make install` le place dans
`.venv/bin/quarto` quand aucun vrai Quarto n'est installé (un vrai Quarto, s'il est là, est préféré).

Seule la bibliothèque standard : il tourne avec n'importe quel Python 3."""
import base64
import json
import re
import sys
from pathlib import Path

USAGE = ("quarto (remplaçant de genre_classifier) : seule la commande `quarto render NB.ipynb -o README.md -t gfm` est prise en charge ; "
         "installez Quarto (https://quarto.org) pour le reste (site de documentation).")


def _text(x) -> str: return "".join(x) if isinstance(x, list) else str(x)


def _directives(source: str) -> tuple[dict, str]:
    "Les directives `#| cle: valeur` en tête de cellule, et le code sans elles."
    opts, lines = {}, source.splitlines()
    while lines and lines[0].startswith("#|"):
        m = re.match(r"#\|\s*([\w-]+)\s*:\s*(.*)", lines.pop(0))
        if m: opts[m.group(1)] = m.group(2).strip().lower()
    return opts, "\n".join(lines).strip("\n")


def _front_matter(source: str) -> str:
    "L'en-tête YAML que nbdev tire de la première cellule (`title`, `description`) → `# titre` et `> description`."
    try:
        import yaml                                          # installé avec nbdev
        meta = yaml.safe_load(source.strip().strip("-")) or {}
    except Exception:
        meta = dict(re.findall(r"^(title|description):\s*(.*)$", source, flags=re.M))
    out = f"# {meta['title']}\n" if meta.get("title") else ""
    return out + (f"\n> {meta['description']}\n" if meta.get("description") else "")


def _output(o: dict, images: Path, stem: str, counter: list) -> str:
    "Une sortie de cellule en GFM."
    kind = o.get("output_type")
    if kind == "stream": return _indent(_text(o.get("text", "")))
    if kind == "error": return _indent("\n".join(o.get("traceback", [])))
    data = o.get("data", {})
    if "image/png" in data:
        counter[0] += 1
        name = f"figure-markdown_strict/cell-{counter[0]}-output-1.png"
        (images / name).parent.mkdir(parents=True, exist_ok=True)
        (images / name).write_bytes(base64.b64decode(_text(data["image/png"])))
        return f"![]({stem}_files/{name})\n"
    if "text/markdown" in data: return _text(data["text/markdown"]) + "\n"
    if "text/html" in data:
        html = re.sub(r"<style[^>]*>.*?</style>", "", _text(data["text/html"]), flags=re.S)
        return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
    if "text/plain" in data: return _indent(_text(data["text/plain"]))
    return ""


def _indent(text: str) -> str:
    return "\n".join(("    " + line).rstrip() for line in text.rstrip("\n").splitlines()) + "\n"


def render(nb_path: Path, out_name: str) -> Path:
    "Écrit `<output-dir>/<out_name>` (le dossier de sortie du projet Quarto, `_docs` pour nbdev) ; renvoie son chemin."
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    yml = nb_path.parent / "_quarto.yml"
    m = re.search(r"output-dir:\s*(\S+)", yml.read_text(encoding="utf-8")) if yml.exists() else None
    docs = nb_path.parent / (m.group(1) if m else "_docs")
    docs.mkdir(exist_ok=True)
    stem, counter, parts = nb_path.stem, [0], []
    images = docs / f"{stem}_files"
    for cell in nb["cells"]:
        source = _text(cell.get("source", ""))
        if cell["cell_type"] == "markdown":
            parts.append(source.strip("\n") + "\n"); continue
        if cell["cell_type"] == "raw" and source.lstrip().startswith("---"):
            parts.append(_front_matter(source)); continue
        if cell["cell_type"] != "code": continue
        opts, code = _directives(source)
        if opts.get("include") == "false": continue
        if code and opts.get("echo") != "false": parts.append(f"``` python\n{code}\n```\n")
        if opts.get("output") != "false":
            parts += [s for s in (_output(o, images, stem, counter) for o in cell.get("outputs", [])) if s]
    out = docs / out_name
    out.write_text("\n".join(parts), encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "render" or "gfm" not in argv:
        print(USAGE, file=sys.stderr); return 2
    nb, out = Path(argv[1]), "README.md"
    if "-o" in argv: out = argv[argv.index("-o") + 1]
    render(nb, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
