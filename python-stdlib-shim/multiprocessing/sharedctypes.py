"""Shared-memory values and arrays: not implemented in graalmp yet (issue #4)."""

from _graalmp.pending import missing

__all__ = ['RawValue', 'RawArray', 'Value', 'Array', 'copy', 'synchronized']

RawValue = missing('multiprocessing.sharedctypes.RawValue', 4)
RawArray = missing('multiprocessing.sharedctypes.RawArray', 4)
Value = missing('multiprocessing.sharedctypes.Value', 4)
Array = missing('multiprocessing.sharedctypes.Array', 4)
copy = missing('multiprocessing.sharedctypes.copy', 4)
synchronized = missing('multiprocessing.sharedctypes.synchronized', 4)
