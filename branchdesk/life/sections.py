"""「一、」 headings numbered as a paper adds them."""

from __future__ import annotations

from ..papers import Heading, heading_number


class Sections:
    def __init__(self, blocks: list):
        self.blocks = blocks
        self.count = 0

    def __call__(self, text: str) -> None:
        self.count += 1
        self.blocks.append(Heading(1, f"{heading_number(1, self.count)}{text}"))
