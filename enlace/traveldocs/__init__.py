"""Travel documents: genuine specimens, false-document alerts, entry requirements, MRZ checks.

Only the MRZ checks exist so far (`enlace.traveldocs.mrz`, `enlace mrz check`)."""
