"""A minimal Server-Sent Events reader (the subset the service sends: event, data, id)."""
from __future__ import annotations

import json
from typing import Any, Iterator, NamedTuple, Optional

import requests


class Event(NamedTuple):
    """One event of a job's stream: ``type`` is status, epoch, pathology or end; ``data`` the parsed JSON."""

    type: str
    data: Any
    id: Optional[str] = None


def read_events(response: requests.Response) -> Iterator[Event]:
    """Events as they arrive (chunk by chunk, never waiting to fill a buffer)."""
    buffer = b""
    kind, data, event_id = "message", [], None
    try:
        for chunk in response.iter_content(chunk_size=None):
            buffer += chunk
            while True:
                newline = buffer.find(b"\n")
                if newline < 0:
                    break
                line, buffer = buffer[:newline].rstrip(b"\r").decode("utf-8"), buffer[newline + 1:]
                if line == "":
                    if data:
                        yield Event(kind, _parse("\n".join(data)), event_id)
                    kind, data = "message", []
                elif line.startswith(":"):
                    continue  # comment / keep-alive
                else:
                    field, _, value = line.partition(":")
                    value = value[1:] if value.startswith(" ") else value
                    if field == "event":
                        kind = value
                    elif field == "data":
                        data.append(value)
                    elif field == "id":
                        event_id = value
    finally:
        response.close()


def _parse(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text
