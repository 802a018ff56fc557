"""Signals other capabilities listen to, so cases need not know them.

`cases_changed` is sent by every case write (create, bulk import, update, delete) once its
rows are written, inside the writer's transaction. Regional statistics answer it by queueing
the refresh of their aggregate store (`statistics.tasks.facts_refresh_soon`)."""

from django.dispatch import Signal

cases_changed = Signal()  # sender: the Case model; keyword: case_ids (list[int])
