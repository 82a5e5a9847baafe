"""``python -m coursekit sheet export|import <module> [file] [--anonymous]``."""

from __future__ import annotations

from .sheet_import import import_sheet
from .sheets import default_sheet, export_sheet


def sheet(root, args) -> int:
    notes: list[str] = []
    if args.action == "export":
        order = None
        if args.anonymous:
            from .anonymous import pseudonymous_order

            order = pseudonymous_order(root, args.module)
        path, rows, notes = export_sheet(
            root, args.module, args.file, force=args.force, order=order
        )
        for note in notes:
            print(f"{path}: {note}")
        print(
            f"wrote {path}: {rows} "
            f"rows{' (pseudonyms; the key stays beside the gradebook)' if args.anonymous else ''}; "
            "fill in the criterion columns and the comment, then `python -m coursekit sheet "
            f"import {args.module}`"
        )
        return 0
    path = args.file or default_sheet(root, args.module)
    from .anonymous import key_for_sheet

    count = import_sheet(
        root, args.module, path, names=key_for_sheet(root, args.module, path), notes=notes
    )
    for note in notes:
        print(note)
    print(f"{path}: {count} answers graded in the gradebook")
    return 0
