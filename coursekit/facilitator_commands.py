"""The facilitator's commands, hooked into ``python -m coursekit``: facilitator-pack,
book-pdf, class-view and room. Each parser sets ``run``."""

from __future__ import annotations


def add_facilitator_commands(sub) -> None:
    from .classview import add_commands as add_class_view
    from .pack.build import add_commands as add_pack
    from .room.cli import add_commands as add_room

    add_pack(sub)
    add_class_view(sub)
    add_room(sub)
