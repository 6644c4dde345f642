"""Create the first administrator with a generated password, printed once; never a fixed default."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from partnerships.core.roles import ADMIN


class Command(BaseCommand):
    help = "Create an administrator account if none exists, printing its generated password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator already exists; no account created.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username=username, email="", password=password)
        user.groups.add(Group.objects.get(name=ADMIN))
        self.stdout.write(self.style.SUCCESS(f"Administrator created. Username: {username}  Password: {password}"))
        self.stdout.write("This password is shown only once; change it after logging in.")
