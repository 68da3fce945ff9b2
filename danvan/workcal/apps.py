from django.apps import AppConfig


class WorkcalConfig(AppConfig):
    name = "danvan.workcal"
    label = "workcal"
