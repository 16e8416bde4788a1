"""The one error type the content layer raises; hooks turn it into MkDocs' PluginError."""

from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """Bad content or data: names the file, the key or node, and what would be valid."""

    def __init__(
        self,
        file: str | Path,
        where: str,
        problem: str,
        *,
        line: int | None = None,
        valid: str | None = None,
    ) -> None:
        self.file = str(file)
        self.where = where
        self.problem = problem
        self.line = line
        self.valid = valid
        super().__init__(self.message)

    def __reduce__(self) -> tuple[object, ...]:
        # Whole across processes: a leaflet rendered by another process reports it as is.
        return (_rebuild, (type(self), self.file, self.where, self.problem, self.line, self.valid))

    @property
    def message(self) -> str:
        """The editor-facing message: file[:line], where, what is wrong, what would be valid."""
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{place}: {self.where}: {self.problem}"
        if self.valid:
            text += f" (valid: {self.valid})"
        return text


def _rebuild(
    cls: type[DataError], file: str, where: str, problem: str, line: int | None, valid: str | None
) -> DataError:
    return cls(file, where, problem, line=line, valid=valid)
