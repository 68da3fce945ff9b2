from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "danvan.rules"
    label = "rules"
