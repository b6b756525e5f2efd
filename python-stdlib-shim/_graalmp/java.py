"""The Java services graalmp binds into every context (see org.graalmp.host.PythonHost)."""

import polyglot

processes = polyglot.import_value('graalmp.processes')


def to_bytes(latin1):
    """Bytes that Java passed as a latin-1 string (one char per byte: a bulk conversion)."""
    return str(latin1).encode('latin-1')
