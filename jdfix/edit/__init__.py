"""Editing: apply a suggestion to the original text (only the title and duty list change) and
review the changes interactively."""
