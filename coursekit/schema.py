"""Load and validate the course's content data: scenarios and reflection prompts.

Every problem is reported as ``path: field: what is wrong``; nothing here raises a bare
traceback at an author. ``load_scenario`` and ``load_reflections`` return plain dicts that
the widget, the Sphinx directive, the notebook generator and nbgrader tooling all share.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SETTINGS = {
    "work",
    "school",
    "online",
    "friends and family",
    "organizing and protest",
    "community group",
}
MIN_CHOICES = 3
EXERCISES = Path(__file__).resolve().parent.parent / "exercises"


class ContentError(Exception):
    """One or more problems in a content file, each as 'path: field: reason'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class _Checker:
    """Collects problems for one file; helpers return a safe default when a field is bad."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        self.problems: list[str] = []

    def fail(self, field: str, reason: str) -> None:
        self.problems.append(f"{self.path}: {field}: {reason}")

    def field(self, data: dict, key: str, kind, where: str = "", required: bool = True):
        name = f"{where}.{key}" if where else key
        if key not in data or data[key] is None:
            if required:
                self.fail(name, "missing")
            return None
        value = data[key]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            self.fail(name, f"must be {_kind_name(kind)}, got {type(value).__name__}")
            return None
        if isinstance(value, str) and not value.strip():
            self.fail(name, "must not be empty")
            return None
        return value

    def ident(self, data: dict, key: str, where: str = ""):
        value = self.field(data, key, str, where)
        if value is not None and not ID_PATTERN.match(value):
            self.fail(f"{where}.{key}" if where else key,
                      f"'{value}' must be lowercase letters, digits and hyphens")
            return None
        return value


def _kind_name(kind) -> str:
    return {str: "text", int: "a whole number", list: "a list", dict: "a mapping"}.get(kind, str(kind))


def _read_yaml(path: Path, checker: _Checker):
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        checker.fail("file", f"cannot be read ({exc.__class__.__name__}: {exc})")
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        checker.fail(where, f"not valid YAML ({getattr(exc, 'problem', None) or exc})")
        return None
    if not isinstance(data, dict):
        checker.fail("file", "must be a YAML mapping of fields")
        return None
    return data


def load_scenario(path: Path | str) -> dict:
    """Return the validated scenario in ``path`` or raise ContentError."""
    path = Path(path)
    c = _Checker(path)
    data = _read_yaml(path, c)
    if data is None:
        raise ContentError(c.problems)

    scenario = {
        "id": c.ident(data, "id"),
        "title": c.field(data, "title", str),
        "module": c.field(data, "module", int),
        "goal": c.field(data, "goal", str),
        "content_note": c.field(data, "content_note", str, required=False),
        "setting": c.field(data, "setting", str, required=False),
        "opening": c.field(data, "opening", str),
    }
    if scenario["module"] is not None and scenario["module"] not in (1, 2, 3, 4):
        c.fail("module", f"must be 1, 2, 3 or 4, got {scenario['module']}")
    if scenario["setting"] is not None and scenario["setting"] not in SETTINGS:
        c.fail("setting", f"'{scenario['setting']}' is not one of: {', '.join(sorted(SETTINGS))}")
    if scenario["id"] and scenario["id"] != path.stem:
        c.fail("id", f"'{scenario['id']}' must match the file name '{path.stem}'")
    folder = path.parent.name
    if scenario["module"] and folder.startswith("module") and folder != f"module{scenario['module']}":
        c.fail("module", f"is {scenario['module']} but the file is in folder '{folder}'")

    seen: dict[str, str] = {}

    def claim(ident, where):
        if ident is None:
            return
        if ident in seen:
            c.fail(f"{where}.id", f"duplicate id '{ident}' (also used by {seen[ident]})")
        else:
            seen[ident] = where

    nodes = []
    raw_nodes = c.field(data, "nodes", list)
    if raw_nodes is not None and not raw_nodes:
        c.fail("nodes", "must list at least one decision point")
    for i, raw in enumerate(raw_nodes or []):
        where = f"nodes[{i}]"
        if not isinstance(raw, dict):
            c.fail(where, "must be a mapping with id, text and choices")
            continue
        node = {"id": c.ident(raw, "id", where), "text": c.field(raw, "text", str, where), "choices": []}
        claim(node["id"], where)
        raw_choices = c.field(raw, "choices", list, where)
        if raw_choices is not None and len(raw_choices) < MIN_CHOICES:
            c.fail(f"{where}.choices", f"has {len(raw_choices)} choices; at least {MIN_CHOICES} are needed")
        for j, rc in enumerate(raw_choices or []):
            cw = f"{where}.choices[{j}]"
            if not isinstance(rc, dict):
                c.fail(cw, "must be a mapping with text, feedback and next")
                continue
            node["choices"].append({
                "text": c.field(rc, "text", str, cw),
                "feedback": c.field(rc, "feedback", str, cw),
                "reading": c.ident(rc, "reading", cw) if "reading" in rc else None,
                "next": c.field(rc, "next", str, cw),
                "_where": cw,
            })
        nodes.append(node)

    endings = []
    raw_endings = c.field(data, "endings", list)
    if raw_endings is not None and not raw_endings:
        c.fail("endings", "must list at least one ending")
    for i, raw in enumerate(raw_endings or []):
        where = f"endings[{i}]"
        if not isinstance(raw, dict):
            c.fail(where, "must be a mapping with id, title, text, debrief and questions")
            continue
        ending = {
            "id": c.ident(raw, "id", where),
            "title": c.field(raw, "title", str, where),
            "text": c.field(raw, "text", str, where),
            "debrief": c.field(raw, "debrief", str, where),
            "questions": c.field(raw, "questions", list, where),
        }
        claim(ending["id"], where)
        for k, q in enumerate(ending["questions"] or []):
            if not isinstance(q, str) or not q.strip():
                c.fail(f"{where}.questions[{k}]", "must be non-empty text")
        endings.append(ending)

    node_ids = {n["id"] for n in nodes if n["id"]}
    ending_ids = {e["id"] for e in endings if e["id"]}
    for node in nodes:
        for choice in node["choices"]:
            target = choice["next"]
            if target is not None and target not in node_ids | ending_ids:
                c.fail(f"{choice['_where']}.next", f"'{target}' is not the id of a node or an ending")

    if not c.problems and nodes:
        _check_graph(nodes, ending_ids, c)
    if c.problems:
        raise ContentError(c.problems)

    for node in nodes:
        for choice in node["choices"]:
            del choice["_where"]
    scenario.update(nodes=nodes, endings=endings, source=str(path))
    return scenario


def _check_graph(nodes: list[dict], ending_ids: set[str], c: _Checker) -> None:
    edges = {n["id"]: [ch["next"] for ch in n["choices"]] for n in nodes}
    reached, todo = set(), [nodes[0]["id"]]
    while todo:
        here = todo.pop()
        if here in reached:
            continue
        reached.add(here)
        todo.extend(edges.get(here, []))
    for i, node in enumerate(nodes):
        if node["id"] not in reached:
            c.fail(f"nodes[{i}]", f"'{node['id']}' cannot be reached from the first node")
    for ending in sorted(ending_ids - reached):
        c.fail("endings", f"'{ending}' cannot be reached from the first node")
    cycle = _find_cycle(nodes[0]["id"], edges)
    if cycle:
        c.fail("nodes", "choices lead round in a circle: " + " -> ".join(cycle) + " (use the Back button instead)")
    # Nodes from which some ending is reachable: grow backwards from the endings.
    finishing = set(ending_ids)
    changed = True
    while changed:
        changed = False
        for nid, targets in edges.items():
            if nid not in finishing and any(t in finishing for t in targets):
                finishing.add(nid)
                changed = True
    for i, node in enumerate(nodes):
        if node["id"] in reached and node["id"] not in finishing:
            c.fail(f"nodes[{i}]", f"no ending can be reached from '{node['id']}'")


def _find_cycle(start: str, edges: dict[str, list[str]]) -> list[str] | None:
    """Return one cycle of node ids reachable from ``start``, or None."""
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    walk: list[str] = []

    def visit(nid: str):
        state[nid] = 1
        walk.append(nid)
        for nxt in edges.get(nid, []):
            if state.get(nxt) == 1:
                return walk[walk.index(nxt):] + [nxt]
            if nxt in edges and nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        walk.pop()
        state[nid] = 2
        return None

    return visit(start)


def load_reflections(path: Path | str) -> dict:
    """Return the validated reflection prompts in ``path`` or raise ContentError."""
    path = Path(path)
    c = _Checker(path)
    data = _read_yaml(path, c)
    if data is None:
        raise ContentError(c.problems)
    result = {
        "module": c.field(data, "module", int),
        "title": c.field(data, "title", str),
        "prompts": [],
        "source": str(path),
    }
    folder = path.stem
    if result["module"] and folder.startswith("module") and folder != f"module{result['module']}":
        c.fail("module", f"is {result['module']} but the file is named '{path.name}'")
    raw_prompts = c.field(data, "prompts", list)
    if raw_prompts is not None and not raw_prompts:
        c.fail("prompts", "must list at least one prompt")
    seen = set()
    for i, raw in enumerate(raw_prompts or []):
        where = f"prompts[{i}]"
        if not isinstance(raw, dict):
            c.fail(where, "must be a mapping with id, prompt, points, words, rubric, exemplar")
            continue
        prompt = {
            "id": c.ident(raw, "id", where),
            "title": c.field(raw, "title", str, where),
            "prompt": c.field(raw, "prompt", str, where),
            "points": c.field(raw, "points", int, where),
            "words": c.field(raw, "words", list, where),
            "exemplar": c.field(raw, "exemplar", str, where),
            "rubric": [],
        }
        if prompt["id"] in seen:
            c.fail(f"{where}.id", f"duplicate id '{prompt['id']}'")
        seen.add(prompt["id"])
        if prompt["points"] is not None and prompt["points"] <= 0:
            c.fail(f"{where}.points", "must be more than 0")
        words = prompt["words"]
        if words is not None and not (
            len(words) == 2 and all(isinstance(w, int) and not isinstance(w, bool) for w in words)
            and 0 < words[0] <= words[1]
        ):
            c.fail(f"{where}.words", "must be [min, max]: two whole numbers with 0 < min <= max")
        top_total = 0
        raw_rubric = c.field(raw, "rubric", list, where)
        if raw_rubric is not None and not raw_rubric:
            c.fail(f"{where}.rubric", "must list at least one criterion")
        for j, rc in enumerate(raw_rubric or []):
            cw = f"{where}.rubric[{j}]"
            if not isinstance(rc, dict):
                c.fail(cw, "must be a mapping with criterion and levels")
                continue
            criterion = {"criterion": c.field(rc, "criterion", str, cw), "levels": []}
            raw_levels = c.field(rc, "levels", list, cw)
            if raw_levels is not None and len(raw_levels) < 2:
                c.fail(f"{cw}.levels", "must describe at least two levels")
            for k, lv in enumerate(raw_levels or []):
                lw = f"{cw}.levels[{k}]"
                if not isinstance(lv, dict):
                    c.fail(lw, "must be a mapping with points and description")
                    continue
                level = {"points": c.field(lv, "points", int, lw), "description": c.field(lv, "description", str, lw)}
                if level["points"] is not None and level["points"] < 0:
                    c.fail(f"{lw}.points", "must not be negative")
                criterion["levels"].append(level)
            pts = [lv["points"] for lv in criterion["levels"] if lv["points"] is not None]
            if pts and pts != sorted(set(pts)):
                c.fail(f"{cw}.levels", "points must rise from the lowest level to the highest, without repeats")
            criterion["max"] = max(pts) if pts else 0
            top_total += criterion["max"]
            prompt["rubric"].append(criterion)
        if prompt["points"] and prompt["rubric"] and top_total != prompt["points"]:
            c.fail(f"{where}.rubric", f"criteria add up to {top_total} points but the prompt is worth {prompt['points']}")
        result["prompts"].append(prompt)
    if c.problems:
        raise ContentError(c.problems)
    return result


def scenario_paths(root: Path = EXERCISES, module: str | None = None) -> list[Path]:
    pattern = f"{module}/*.yml" if module else "module*/*.yml"
    return sorted((root / "scenarios").glob(pattern))


def load_valid(root: Path = EXERCISES) -> tuple[dict[str, dict], dict[str, dict], list[str], set[str]]:
    """Load every file that is valid: (scenarios by id, reflection files by module name,
    problems as 'path: field: reason', the names of the files that are broken: scenario ids
    and reflection module names, from their file names)."""
    problems: list[str] = []
    broken: set[str] = set()
    scenarios: dict[str, dict] = {}
    for path in scenario_paths(root):
        try:
            s = load_scenario(path)
        except ContentError as exc:
            problems += exc.problems
            broken.add(path.stem)
            continue
        if s["id"] in scenarios:
            problems.append(f"{path}: id: duplicate scenario id '{s['id']}' (also {scenarios[s['id']]['source']})")
        scenarios[s["id"]] = s
    reflections: dict[str, dict] = {}
    prompt_owner: dict[str, str] = {}
    for path in sorted((root / "reflections").glob("*.yml")):
        try:
            r = load_reflections(path)
        except ContentError as exc:
            problems += exc.problems
            broken.add(path.stem)
            continue
        for p in r["prompts"]:
            if p["id"] in prompt_owner:
                problems.append(f"{path}: prompts.id: duplicate prompt id '{p['id']}' (also {prompt_owner[p['id']]})")
            prompt_owner[p["id"]] = str(path)
        reflections[path.stem] = r
    return scenarios, reflections, problems, broken


def content_files(root: Path = EXERCISES) -> list[Path]:
    """Every content file, valid or not."""
    return scenario_paths(root) + sorted((root / "reflections").glob("*.yml"))


def load_all(root: Path = EXERCISES) -> tuple[dict[str, dict], dict[str, dict]]:
    """Load every scenario (by id) and every reflection file (by module name).

    Raises one ContentError listing the problems of every file, so an author sees them all.
    """
    scenarios, reflections, problems, _ = load_valid(root)
    if problems:
        raise ContentError(problems)
    return scenarios, reflections
