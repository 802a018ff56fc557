import json

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from enlace.core import crypto
from enlace.core.fields import encrypted_fields


class Command(BaseCommand):
    help = (
        "Encryption keys. `keys new ID` prints a new key line; `keys reencrypt` rewrites "
        "every encrypted value under the active (first) key after a rotation."
    )

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["new", "reencrypt"])
        parser.add_argument("key_id", nargs="?", default="k2")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, verb, key_id, **options):
        if verb == "new":
            self.stdout.write(crypto.new_key_line(key_id))
            return
        active = crypto.keyring().active_id
        counts = {}
        for model in apps.get_models():
            fields = encrypted_fields(model)
            if not fields:
                continue
            changed = 0
            names = [field.attname for field in fields]
            with transaction.atomic():
                raw = model._base_manager.values_list("pk", *names)
                for pk, *_values in raw.iterator(chunk_size=500):
                    # Reading through the ORM decrypts with any known key; saving the same
                    # values encrypts them again under the active key.
                    instance = model._base_manager.only(*names).get(pk=pk)
                    model._base_manager.filter(pk=pk).update(
                        **{name: getattr(instance, name) for name in names}
                    )
                    changed += 1
            counts[model._meta.label] = changed
        if options["json"]:
            self.stdout.write(json.dumps({"active_key": active, "reencrypted": counts}))
        else:
            for label, changed in counts.items():
                self.stdout.write(
                    _("%(model)s: %(count)s rows re-encrypted under %(key)s")
                    % {"model": label, "count": changed, "key": active}
                )
