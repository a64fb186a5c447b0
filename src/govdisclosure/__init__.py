"""govdisclosure: China's government information disclosure system (政府信息公开) as typed data."""

from govdisclosure._version import __version__

__all__ = ["__version__"]
