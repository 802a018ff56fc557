"""Development and demo settings: what `make run` uses."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("ENLACE_DEBUG", True)
