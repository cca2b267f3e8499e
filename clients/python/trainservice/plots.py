"""Images from the service: bytes that Jupyter shows inline."""
from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Iterable, Optional


class Plot(bytes):
    """The image's bytes (PNG or SVG) that also display inline in Jupyter and save to a file."""

    content_type: str

    def __new__(cls, content: bytes, content_type: str = "image/png") -> "Plot":
        plot = super().__new__(cls, content)
        plot.content_type = content_type.split(";")[0].strip()
        return plot

    @property
    def is_png(self) -> bool:
        return self.content_type == "image/png"

    def _repr_png_(self) -> Optional[bytes]:
        return bytes(self) if self.is_png else None

    def _repr_svg_(self) -> Optional[str]:
        return self.decode("utf-8") if self.content_type == "image/svg+xml" else None

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_bytes(self)
        return path

    def data_uri(self) -> str:
        return f"data:{self.content_type};base64,{base64.b64encode(self).decode('ascii')}"

    def __repr__(self) -> str:
        return f"<Plot {self.content_type}, {len(self)} bytes>"


class SideBySide:
    """Several plots in one row, each under its title (Jupyter renders the HTML)."""

    def __init__(self, plots: Iterable[Plot], titles: Optional[Iterable[str]] = None, width: str = "32%"):
        self.plots = list(plots)
        self.titles = list(titles) if titles is not None else [""] * len(self.plots)
        self.width = width

    def _repr_html_(self) -> str:
        cells = "".join(
            f'<figure style="display:inline-block; width:{self.width}; margin:0 0.5%; vertical-align:top">'
            f'<img src="{plot.data_uri()}" style="width:100%"/>'
            f'<figcaption style="text-align:center">{html.escape(title)}</figcaption></figure>'
            for plot, title in zip(self.plots, self.titles))
        return f"<div>{cells}</div>"

    def __repr__(self) -> str:
        return f"<SideBySide of {len(self.plots)} plots: {', '.join(self.titles)}>"


def side_by_side(*plots: Plot, titles: Optional[Iterable[str]] = None) -> SideBySide:
    return SideBySide(plots, titles)
