"""What every capability shares: the one error type (`errors.DataError`), YAML with line
numbers (`yamlio`), strict models and their messages (`validation`), the languages with their
names and direction and the source language (`languages`), the regions (`regions`), the one
marker grammar (`markers`), the Jinja environment (`jinja`), page front matter (`pages`) and
where data and templates are (`paths`). Core imports no capability."""
