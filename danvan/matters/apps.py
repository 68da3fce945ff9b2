from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "danvan.matters"
    label = "matters"
