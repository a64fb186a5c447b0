"""The data of each format version of the report form, one module per version.

Each module defines ``FORM``, a :class:`~govdisclosure.model.form.Form`; use
:func:`~govdisclosure.model.form.form_of` to reach them.
"""

__all__: list[str] = []
