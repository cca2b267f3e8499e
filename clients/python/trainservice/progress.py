"""Progress of ``wait``: an HTML bar in Jupyter, a redrawn line on a terminal, plain lines in a log.

Only the standard library and IPython (always present inside a notebook kernel) are used, so the
bar works without ipywidgets or tqdm.
"""
from __future__ import annotations

import html
import sys
import time
from typing import Any, Optional


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    try:
        ipython = shell.get_ipython()
    except Exception:  # IPython imported but broken: no notebook to draw in
        return False
    return ipython is not None and type(ipython).__name__ == "ZMQInteractiveShell"


def progress_bar(label: str, total: int, enabled: bool = True, stream: Any = None) -> "Progress":
    """The best bar for where the code runs (``enabled=False``: none)."""
    if not enabled:
        return Progress(label, total)
    if _in_notebook():
        return NotebookProgress(label, total)
    stream = stream or sys.stderr
    if getattr(stream, "isatty", lambda: False)():
        return TerminalProgress(label, total, stream)
    return LineProgress(label, total, stream)


class Progress:
    """Tracks epochs and status; draws nothing (the base of the visible bars)."""

    def __init__(self, label: str, total: int):
        self.label, self.total = label, max(1, total)
        self.done, self.status, self.loss = 0, None, None
        self.started = time.monotonic()
        self.seconds: Optional[float] = None  # the job's own run time, once known; else time spent waiting

    def update(self, *, epoch: Optional[int] = None, status: Optional[str] = None, loss: Optional[float] = None) -> None:
        changed = False
        if epoch is not None and epoch != self.done:
            self.done, changed = min(epoch, self.total), True
        if status is not None and status != self.status:
            self.status, changed = status, True
        if loss is not None:
            self.loss = loss
        if changed:
            self.draw()

    def close(self, status: str, seconds: Optional[float] = None) -> None:
        self.status, self.seconds = status, seconds
        self.draw(final=True)

    def draw(self, final: bool = False) -> None:
        pass

    def text(self) -> str:
        loss = f", loss {self.loss:.4g}" if self.loss is not None else ""
        seconds = self.seconds if self.seconds is not None else time.monotonic() - self.started
        return f"{self.label}: {self.status}, epoch {self.done}/{self.total}{loss}, {seconds:.1f} s"


class TerminalProgress(Progress):
    width = 30

    def __init__(self, label: str, total: int, stream: Any):
        super().__init__(label, total)
        self.stream = stream

    def draw(self, final: bool = False) -> None:
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.text()}\033[K" + ("\n" if final else ""))
        self.stream.flush()


class LineProgress(Progress):
    """One line per status change and per tenth of the epochs: readable in CI logs."""

    def __init__(self, label: str, total: int, stream: Any):
        super().__init__(label, total)
        self.stream, self.last_tenth, self.last_status = stream, -1, None

    def draw(self, final: bool = False) -> None:
        tenth = 10 * self.done // self.total
        if tenth != self.last_tenth or self.status != self.last_status:
            self.last_tenth, self.last_status = tenth, self.status
            print(self.text(), file=self.stream, flush=True)


class NotebookProgress(Progress):
    def __init__(self, label: str, total: int):
        super().__init__(label, total)
        from IPython.display import HTML, display
        self._html = HTML
        self.handle = display(HTML(self._render()), display_id=True)

    def _render(self) -> str:
        return (f'<div><progress value="{self.done}" max="{self.total}" style="width: 24em"></progress> '
                f"<code>{html.escape(self.text())}</code></div>")

    def draw(self, final: bool = False) -> None:
        self.handle.update(self._html(self._render()))
