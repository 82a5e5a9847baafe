"""JSON Schemas of the content files, generated from the models, for authors' editors
(exercises/schema/*.schema.json; exercises/README.md says how to use them).
``python -m coursekit schema`` rewrites them; a test fails when they are stale."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .models import Course, Reflections, Scenario

SCHEMAS: dict[str, type[BaseModel]] = {
    "course": Course,
    "scenario": Scenario,
    "reflections": Reflections,
}


def editor_schemas() -> dict[str, str]:
    """{file name: JSON text}."""
    out = {}
    for name, model in SCHEMAS.items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **model.model_json_schema(mode="validation"),
        }
        out[f"{name}.schema.json"] = (
            json.dumps(schema, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        )
    return out


def write_editor_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in editor_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
